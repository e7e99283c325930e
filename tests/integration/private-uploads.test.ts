import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { reportRevenue } from "~/modules/revenue/revenue.server";
import { loader as evidenceLoader } from "~/routes/agreements/agreements.$id.evidence.$uploadId";
import { loader as publicUploadLoader } from "~/routes/site/uploads.$id";
import { loader as serviceLogPhotoLoader } from "~/routes/commissioners/commissioners.logs.photos.$uploadId";
import { logService } from "~/modules/commissioners/commissioners.server";
import { createCommissioner, logFields } from "../support/commissioners-factories";
import { jpegFile } from "../support/escrow-factories";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createRevenueAgreement, evidencePhoto } from "../support/wallet-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-private-uploads-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.8.0.1" };

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    return ((await promise) as Response).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("revenue evidence", () => {
  it("is served to the agreement's parties under the agreement, and never by the public upload route", async () => {
    const setup = await createRevenueAgreement();
    await reportRevenue(
      setup.payer,
      setup.agreement.id,
      {
        component: setup.componentIndex,
        periodStart: "2026-01-01",
        baseFen: 100_000,
        note: "",
        evidence: [await evidencePhoto()],
      },
      {},
      new Date("2026-04-10T02:00:00Z"),
    );
    const { uploadId } = await db.revenueEvidence.findFirstOrThrow({
      where: { report: { agreementId: setup.agreement.id } },
      select: { uploadId: true },
    });
    const asUser = async (userId: string) =>
      status(
        evidenceLoader({
          request: new Request(`http://localhost/agreements/${setup.agreement.id}/evidence/${uploadId}`, {
            headers: { cookie: await sessionCookieFor(userId) },
          }),
          context,
          params: { id: setup.agreement.id, uploadId },
        }),
      );
    expect(await asUser(setup.payee.id)).toBe(200);
    expect(await asUser(setup.payer.id)).toBe(200);
    expect(await asUser((await createExpert()).id)).toBe(404);
    expect(
      await status(
        publicUploadLoader({
          request: new Request(`http://localhost/uploads/${uploadId}`),
          context,
          params: { id: uploadId },
        }),
      ),
    ).toBe(404);
  });
});

describe("commissioners' service-log photos", () => {
  it("are served to logged-in users on the report's own route, never by the public upload route", async () => {
    const { expert, assignment } = await createCommissioner();
    const log = await logService(expert, logFields(assignment.id), [await jpegFile()]);
    const [uploadId] = (
      await db.serviceLog.findUniqueOrThrow({ where: { id: log.id }, select: { photoIds: true } })
    ).photoIds;
    const url = `http://localhost/commissioners/logs/photos/${uploadId}`;
    const viewer = await createExpert();
    expect(
      await status(
        serviceLogPhotoLoader({
          request: new Request(url, { headers: { cookie: await sessionCookieFor(viewer.id) } }),
          context,
          params: { uploadId },
        }),
      ),
    ).toBe(200);
    // Not logged in: sent to the login page.
    expect(
      await status(serviceLogPhotoLoader({ request: new Request(url), context, params: { uploadId } })),
    ).toBe(302);
    expect(
      await status(
        publicUploadLoader({
          request: new Request(`http://localhost/uploads/${uploadId}`),
          context,
          params: { id: uploadId! },
        }),
      ),
    ).toBe(404);
  });
});
