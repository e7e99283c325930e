import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listNeeds } from "~/modules/needs/needs.queries.server";
import { getNeedForViewer } from "~/modules/needs/needs.queries.server";
import { NeedFiltersSchema } from "~/modules/needs/needs.schema";
import {
  closeNeed,
  createNeed,
  expireNeeds,
  publishNeed,
  setNeedHidden,
  updateNeed,
} from "~/modules/needs/needs.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import {
  addMember,
  createBureau,
  createExpert,
  createVillage,
  meta,
  needFields,
} from "../support/needs-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-needs-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function photo(name = "field.png") {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7d44" } })
    .png()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

describe("posting a need", () => {
  it("publishes at once for a verified cooperative, with its photos", async () => {
    const { organisation, head } = await createVillage();
    const { id, published } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [await photo(), await photo("barn.png")],
      publish: true,
      meta,
    });
    expect(published).toBe(true);
    const need = await db.need.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        publishedAt: true,
        budgetMinFen: true,
        budgetMaxFen: true,
        photos: { select: { upload: { select: { mimeType: true } } } },
      },
    });
    expect(need).toMatchObject({ status: "OPEN", budgetMinFen: 500_000, budgetMaxFen: 2_000_000 });
    expect(need.publishedAt).toBeInstanceOf(Date);
    expect(need.photos.map((p) => p.upload.mimeType)).toEqual(["image/webp", "image/webp"]);
    const audit = await db.auditLog.findMany({
      where: { subjectId: id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["need.created", "need.published"]);
  });

  it("keeps an unverified cooperative's need as a draft and refuses to publish it", async () => {
    const { organisation, head } = await createVillage({ verified: false });
    const { id, published } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: true,
      meta,
    });
    expect(published).toBe(false);
    await rejects(publishNeed({ actor: head, needId: id, meta }), "need.not_verified");
    expect((await db.need.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "DRAFT",
    );
  });

  it("refuses to post for an organisation the person does not belong to", async () => {
    const { head } = await createVillage();
    const other = await createVillage();
    await rejects(
      createNeed({
        actor: head,
        organisationId: other.organisation.id,
        fields: needFields(),
        photos: [],
        publish: false,
        meta,
      }),
      "need.not_member",
    );
  });

  it("refuses experts, who offer rather than ask", async () => {
    const expert = await createExpert();
    await rejects(
      createNeed({ actor: expert, fields: needFields(), photos: [], publish: false, meta }),
      "need.forbidden",
    );
  });

  it("stores nothing when a photo is not an image", async () => {
    const { organisation, head } = await createVillage();
    const before = await db.upload.count();
    const fake = new File([new TextEncoder().encode("<html>not a photo</html>")], "photo.jpg", {
      type: "image/jpeg",
    });
    await rejects(
      createNeed({
        actor: head,
        organisationId: organisation.id,
        fields: needFields({ title: "不应保存的需求" }),
        photos: [await photo(), fake],
        publish: true,
        meta,
      }),
      "upload.unsupported_type",
    );
    expect(await db.need.count({ where: { title: "不应保存的需求" } })).toBe(0);
    expect(await db.upload.count()).toBe(before);
  });

  it("refuses more than six photos", async () => {
    const { organisation, head } = await createVillage();
    const photos = await Promise.all(Array.from({ length: 7 }, () => photo()));
    await rejects(
      createNeed({
        actor: head,
        organisationId: organisation.id,
        fields: needFields(),
        photos,
        publish: false,
        meta,
      }),
      "upload.too_many",
    );
  });

  it("needs a product and wanted services for a branding request", () => {
    expect(() => needFields({ kind: "BRANDING" })).toThrow(/needs.errors.product_name/);
    expect(
      needFields({ kind: "BRANDING", productName: "栾川槲包", brandServices: ["TRADEMARK", "PACKAGING"] })
        .brandServices,
    ).toEqual(["TRADEMARK", "PACKAGING"]);
  });
});

describe("who manages a need", () => {
  it("lets any village member of the organisation edit, and refuses others with 403", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [await photo()],
      publish: false,
      meta,
    });
    const member = await addMember(organisation.id);
    await updateNeed({
      actor: member,
      needId: id,
      fields: needFields({ title: "修改后的标题" }),
      photos: [],
      removePhotoIds: [],
      publish: false,
      meta,
    });
    expect((await db.need.findUniqueOrThrow({ where: { id }, select: { title: true } })).title).toBe(
      "修改后的标题",
    );

    const stranger = (await createVillage()).head;
    const refusal = updateNeed({
      actor: stranger,
      needId: id,
      fields: needFields(),
      photos: [],
      removePhotoIds: [],
      publish: false,
      meta,
    });
    await expect(refusal).rejects.toMatchObject({ code: "need.forbidden", status: 403 });
  });

  it("hides drafts from everyone but their managers", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: false,
      meta,
    });
    await expect(getNeedForViewer(id, head)).resolves.toMatchObject({ manages: true });
    await rejects(getNeedForViewer(id, await createExpert()), "need.not_found");
    await rejects(getNeedForViewer(id, null), "need.not_found");
  });

  it("removes and adds photos while editing", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [await photo(), await photo()],
      publish: false,
      meta,
    });
    const photos = await db.needPhoto.findMany({
      where: { needId: id },
      select: { uploadId: true },
      orderBy: { sortOrder: "asc" },
    });
    await updateNeed({
      actor: head,
      needId: id,
      fields: needFields(),
      photos: [await photo()],
      removePhotoIds: [photos[0].uploadId],
      publish: false,
      meta,
    });
    const after = await db.needPhoto.findMany({ where: { needId: id }, select: { uploadId: true } });
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.uploadId)).not.toContain(photos[0].uploadId);
    expect(await db.upload.findUnique({ where: { id: photos[0].uploadId } })).toBeNull();
  });

  it("closes only an open need", async () => {
    const { organisation, head } = await createVillage();
    const draft = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: false,
      meta,
    });
    await rejects(closeNeed({ actor: head, needId: draft.id, meta }), "need.invalid_transition");
    await publishNeed({ actor: head, needId: draft.id, meta });
    await closeNeed({ actor: head, needId: draft.id, meta });
    expect(
      (await db.need.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true } })).status,
    ).toBe("CLOSED");
  });

  it("expires open needs whose deadline has passed", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields(),
      photos: [],
      publish: true,
      meta,
    });
    await db.need.update({ where: { id }, data: { deadline: new Date(Date.now() - 60_000) } });
    expect(await expireNeeds()).toBeGreaterThanOrEqual(1);
    expect((await db.need.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "EXPIRED",
    );
  });
});

describe("moderation and lists", () => {
  it("lets only bureau staff hide a need, with the poster told why", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "违规广告需求" }),
      photos: [],
      publish: true,
      meta,
    });
    await rejects(
      setNeedHidden({ actor: await createExpert(), needId: id, hidden: true, reason: "广告", meta }),
      "need.forbidden",
    );
    await setNeedHidden({
      actor: await createBureau(),
      needId: id,
      hidden: true,
      reason: "含有广告内容",
      meta,
    });
    const listed = await listNeeds(NeedFiltersSchema.parse({ q: "违规广告" }));
    expect(listed.total).toBe(0);
    const notification = await db.notification.findFirstOrThrow({
      where: { userId: head.id, type: "need.hidden" },
      select: { payload: true },
    });
    expect(notification.payload).toMatchObject({ params: { need: "违规广告需求", reason: "含有广告内容" } });
    await rejects(getNeedForViewer(id, null), "need.not_found");
  });

  it("filters by industry, county, arrangement and verification, and sorts by budget", async () => {
    const verified = await createVillage();
    const unverified = await createVillage({ verified: false });
    const tag = `筛选${Date.now()}`;
    await createNeed({
      actor: verified.head,
      organisationId: verified.organisation.id,
      fields: needFields({
        title: `${tag} 养殖`,
        industry: "BREEDING",
        countyCode: "410325",
        budgetMax: "90000",
        arrangements: ["REVENUE_SHARE"],
      }),
      photos: [],
      publish: true,
      meta,
    });
    await createNeed({
      actor: verified.head,
      organisationId: verified.organisation.id,
      fields: needFields({ title: `${tag} 种植`, budgetMax: "30000" }),
      photos: [],
      publish: true,
      meta,
    });
    await db.organisation.update({
      where: { id: unverified.organisation.id },
      data: { verifiedAt: new Date() },
    });
    const late = await createNeed({
      actor: unverified.head,
      organisationId: unverified.organisation.id,
      fields: needFields({ title: `${tag} 电商`, industry: "RURAL_ECOMMERCE", budgetMax: "60000" }),
      photos: [],
      publish: true,
      meta,
    });
    await db.organisation.update({ where: { id: unverified.organisation.id }, data: { verifiedAt: null } });

    const list = (filters: Record<string, string>) =>
      listNeeds(NeedFiltersSchema.parse({ q: tag, ...filters }));
    expect((await list({ industry: "BREEDING" })).items.map((n) => n.title)).toEqual([`${tag} 养殖`]);
    expect((await list({ county: "410325" })).total).toBe(1);
    expect((await list({ arrangement: "REVENUE_SHARE" })).total).toBe(1);
    expect((await list({ verified: "1" })).items.map((n) => n.id)).not.toContain(late.id);
    expect((await list({ sort: "budget" })).items.map((n) => n.budgetMaxFen)).toEqual([
      9_000_000, 6_000_000, 3_000_000,
    ]);
    expect((await list({ industry: "不存在" })).total).toBe(3);
  });
});
