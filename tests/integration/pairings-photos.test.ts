import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { pairingPage } from "~/modules/pairings/pairings.queries.server";
import { agreePairing, filePairingReport, proposePairing } from "~/modules/pairings/pairings.server";
import { loader as pairingPhotoLoader } from "~/routes/pairings/pairings.$id.photos.$uploadId";
import { loader as publicUploadLoader } from "~/routes/site/uploads.$id";
import { createCountyOfficer } from "../support/county-factories";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { createExpert, meta } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createPairingInstitution, proposal } from "../support/pairings-factories";

vi.mock("@remix-run/react", () => ({
  Form: ({ children }: { children: ReactNode }) => createElement("form", null, children),
  Link: ({ children, to }: { children: ReactNode; to: string }) => createElement("a", { href: to }, children),
  useRouteLoaderData: () => ({ locale: "zh" }),
  useLocation: () => ({ key: "default", pathname: "/" }),
  useNavigation: () => ({ state: "idle" }),
}));

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-pairing-photos-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.8.0.1" };

async function answer(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** An agreed pairing in the county with one report carrying two photos. */
async function pairingWithPhotos(countyCode: string) {
  const { actor: institution, organisation } = await createPairingInstitution();
  const { officer } = await createCountyOfficer(countyCode);
  const pairing = await proposePairing(institution, proposal(organisation.id, countyCode), meta);
  await agreePairing(officer, pairing.id, meta);
  await filePairingReport(
    institution,
    pairing.id,
    { year: 2026, half: 1, narrative: "核桃修剪现场指导。", figures: [] },
    [await jpegFile("a.jpg"), await jpegFile("b.jpg")],
    meta,
    new Date("2026-07-02T00:00:00Z"),
  );
  const { photoIds } = await db.pairingReport.findFirstOrThrow({
    where: { pairingId: pairing.id },
    select: { photoIds: true },
  });
  return { institution, officer, pairing, photoIds };
}

describe("pairing report photos", () => {
  it("are served to the institution and the county's officer, and to nobody else", async () => {
    const { institution, officer, pairing, photoIds } = await pairingWithPhotos("410305");
    expect(photoIds).toHaveLength(2);
    const { officer: otherCounty } = await createCountyOfficer("410323");
    const outsider = await createExpert();
    const photo = photoIds[0]!;
    const fetchAs = async (userId: string | null, pairingId = pairing.id, uploadId = photo, query = "") =>
      answer(
        pairingPhotoLoader({
          request: new Request(`http://localhost/pairings/${pairingId}/photos/${uploadId}${query}`, {
            headers: userId ? { cookie: await sessionCookieFor(userId) } : {},
          }),
          context,
          params: { id: pairingId, uploadId },
        }),
      );

    const full = await fetchAs(institution.id);
    expect(full.status).toBe(200);
    expect(full.headers.get("Content-Type")).toBe("image/webp");
    const fullBytes = (await full.arrayBuffer()).byteLength;
    const thumb = await fetchAs(officer.id, pairing.id, photo, "?v=thumb");
    expect(thumb.status).toBe(200);
    expect((await thumb.arrayBuffer()).byteLength).toBeLessThan(fullBytes);

    for (const refused of [otherCounty.id, outsider.id]) {
      const response = await fetchAs(refused);
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).not.toBe("image/webp");
    }
    expect((await fetchAs(null)).status).toBe(302);
    // The photo of one pairing is not reached through another the viewer may see.
    const other = await pairingWithPhotos("410305");
    expect((await fetchAs(other.institution.id, other.pairing.id, photo)).status).toBe(404);
    // Nor through the public upload route.
    const publicAnswer = await answer(
      publicUploadLoader({
        request: new Request(`http://localhost/uploads/${photo}`),
        context,
        params: { id: photo },
      }),
    );
    expect(publicAnswer.status).toBe(404);
  });

  it("show on the pairing page as thumbnails that open the full photo", async () => {
    const { officer, pairing } = await pairingWithPhotos("410311");
    const page = await pairingPage(officer, pairing.id);
    const { ReportPhotos } = await import("~/components/pairings/pairing-detail");
    const html = renderToString(
      createElement(ReportPhotos, { pairingId: pairing.id, photoIds: page.pairing.reports[0]!.photoIds }),
    );
    for (const id of page.pairing.reports[0]!.photoIds) {
      const url = `/pairings/${pairing.id}/photos/${id}`;
      expect(html).toContain(`href="${url}"`);
      expect(html).toContain(`src="${url}?v=thumb"`);
    }
    expect(html).toContain("附照片 2 张");
  });
});
