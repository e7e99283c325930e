import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  changeDemoSiteStatus,
  createDemoSite,
  listDemoSites,
  updateDemoSite,
} from "~/modules/creative/demo-sites.server";
import { action as demoAction } from "~/routes/creative/demos.$id";
import { DomainError } from "~/utils/errors";
import { demoFields } from "../support/creative-factories";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { createOrganisation, createUser } from "../support/factories";
import { actorOf, createBureau } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

function statusOf(id: string) {
  return db.demoSite.findUniqueOrThrow({ where: { id }, select: { status: true, designatedAt: true } });
}

describe("demonstration sites", () => {
  it("are created by the bureau only, with their photos, and audited", async () => {
    const bureau = await createBureau();
    const organisation = await createOrganisation("COOPERATIVE");
    const site = await createDemoSite(bureau, demoFields({ organisationId: organisation.id }), [
      await jpegFile(),
      await jpegFile(),
    ]);
    expect(site).toMatchObject({ status: "PLANNED", designatedAt: null, organisationId: organisation.id });
    expect(site.photoIds).toHaveLength(2);
    expect(await db.auditLog.count({ where: { action: "demo.created", subjectId: site.id } })).toBe(1);
    const farmer = await actorOf((await createUser({ role: "FARMER" })).id);
    expect(await refusal(createDemoSite(farmer, demoFields()))).toBe("creative.forbidden");
  });

  it("go planned → building → designated, dated when designated, and can be revoked from any state with a reason", async () => {
    const bureau = await createBureau();
    const site = await createDemoSite(bureau, demoFields());
    expect(await refusal(changeDemoSiteStatus(bureau, site.id, "DESIGNATED"))).toBe(
      "creative.demo_transition",
    );
    await changeDemoSiteStatus(bureau, site.id, "BUILDING");
    expect(await statusOf(site.id)).toEqual({ status: "BUILDING", designatedAt: null });
    expect(await refusal(changeDemoSiteStatus(bureau, site.id, "PLANNED"))).toBe("creative.demo_transition");
    await changeDemoSiteStatus(bureau, site.id, "DESIGNATED");
    const designated = await statusOf(site.id);
    expect(designated.status).toBe("DESIGNATED");
    expect(designated.designatedAt).toBeInstanceOf(Date);
    expect(await refusal(changeDemoSiteStatus(bureau, site.id, "REVOKED"))).toBe("creative.reason_required");
    await changeDemoSiteStatus(bureau, site.id, "REVOKED", "经营停止");
    expect((await statusOf(site.id)).status).toBe("REVOKED");
    expect(await refusal(changeDemoSiteStatus(bureau, site.id, "BUILDING"))).toBe("creative.demo_transition");
    expect(await db.auditLog.count({ where: { action: "demo.status_changed", subjectId: site.id } })).toBe(3);

    const planned = await createDemoSite(bureau, demoFields());
    await changeDemoSiteStatus(bureau, planned.id, "REVOKED", "选址不合适");
    expect(await statusOf(planned.id)).toEqual({ status: "REVOKED", designatedAt: null });
  });

  it("keep the kept photos and add new ones on edit, within the limit of six", async () => {
    const bureau = await createBureau();
    const site = await createDemoSite(bureau, demoFields(), [await jpegFile(), await jpegFile()]);
    const [gone, kept] = site.photoIds as [string, string];
    const edited = await updateDemoSite(
      bureau,
      site.id,
      demoFields({ name: "重渡沟创意农园" }),
      [await jpegFile()],
      [gone],
    );
    expect(edited.name).toBe("重渡沟创意农园");
    expect(edited.photoIds).toHaveLength(2);
    expect(edited.photoIds[0]).toBe(kept);
    expect(await db.upload.count({ where: { id: gone } })).toBe(0);
    const tooMany = await Promise.all(Array.from({ length: 5 }, () => jpegFile()));
    expect(await refusal(updateDemoSite(bureau, site.id, demoFields(), tooMany))).toBe("upload.too_many");
  });

  it("leave revoked sites out of the directory unless asked for", async () => {
    const bureau = await createBureau();
    const open = await createDemoSite(bureau, demoFields({ countyCode: "410324" }));
    const revoked = await createDemoSite(bureau, demoFields({ countyCode: "410324" }));
    await changeDemoSiteStatus(bureau, revoked.id, "REVOKED", "经营停止");
    expect((await listDemoSites({ county: "410324" })).map((site) => site.id)).toEqual([open.id]);
    expect((await listDemoSites({ county: "410324", status: "REVOKED" })).map((site) => site.id)).toEqual([
      revoked.id,
    ]);
  });

  it("change status from the detail page for the bureau and refuse everyone else", async () => {
    const bureau = await createBureau();
    const site = await createDemoSite(bureau, demoFields());
    const post = async (userId: string, intent: string) =>
      demoAction({
        request: new Request(`http://localhost:3000/demos/${site.id}`, {
          method: "POST",
          body: new URLSearchParams({ intent }),
          headers: { cookie: await sessionCookieFor(userId) },
        }),
        params: { id: site.id },
        context: { cspNonce: "test", clientIp: "10.8.0.2" },
      });
    const ok = (await post(bureau.id, "build")) as Response;
    expect(ok.status).toBe(302);
    expect((await statusOf(site.id)).status).toBe("BUILDING");
    const farmer = await createUser({ role: "FARMER" });
    const refused = await post(farmer.id, "designate").then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((refused as Response).status).toBe(403);
    expect((await statusOf(site.id)).status).toBe("BUILDING");
  });
});
