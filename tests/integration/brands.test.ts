import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { BrandStage } from "~/generated/prisma/enums";
import { actOnBrandProject, startBrandProject } from "~/modules/creative/brands.server";
import { BrandActionSchema, type BrandAction } from "~/modules/creative/creative.schema";
import { action as brandAction } from "~/routes/creative/brands.$id";
import { DomainError } from "~/utils/errors";
import { acceptExpert, createBrandingNeed } from "../support/creative-factories";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { createOrganisation, createUser } from "../support/factories";
import { actorOf, addMember, createBureau } from "../support/needs-factories";
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

const note = "与合作社一起走访了三个市场。";
const advance = (to: BrandStage, trademarkApplicationNo?: string): BrandAction => ({
  intent: "advance",
  to,
  note,
  trademarkApplicationNo,
});

/** A project led by an accepted expert, with its owner and lead. */
async function startedProject() {
  const { need, head, organisation } = await createBrandingNeed();
  const { expert, university } = await acceptExpert(need.id);
  const project = await startBrandProject(head, { needId: need.id, name: "伏牛山珍", leadUserId: expert.id });
  return { need, head, organisation, expert, university, project };
}

function stageOf(id: string) {
  return db.brandProject.findUniqueOrThrow({
    where: { id },
    select: { stage: true, trademarkApplicationNo: true, launchedAt: true, abandonedAt: true },
  });
}

describe("starting a brand project", () => {
  it("grows from the branding request, led by the accepted expert with their university incubating", async () => {
    const { need, head, expert, university, project } = await startedProject();
    const row = await db.brandProject.findUniqueOrThrow({
      where: { id: project.id },
      select: {
        needId: true,
        productName: true,
        countyCode: true,
        story: true,
        ownerUserId: true,
        leadUserId: true,
        incubatorOrganisationId: true,
        stage: true,
      },
    });
    expect(row).toEqual({
      needId: need.id,
      productName: "嵩县香菇",
      countyCode: "410325",
      story: "深山段木香菇，三代人的手艺。",
      ownerUserId: head.id,
      leadUserId: expert.id,
      incubatorOrganisationId: university.id,
      stage: "RESEARCH",
    });
    expect(await db.notification.count({ where: { userId: expert.id, type: "brand.started" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "brand.started", subjectId: project.id } })).toBe(1);
  });

  it("allows one project per need", async () => {
    const { need, head } = await startedProject();
    expect(
      await refusal(
        startBrandProject(head, { needId: need.id, name: "第二个品牌", incubatorOrganisationId: undefined }),
      ),
    ).toBe("creative.brand_exists");
    expect(await db.brandProject.count({ where: { needId: need.id } })).toBe(1);
  });

  it("lets the poster lead only with a verified incubator, and only accepted applicants lead otherwise", async () => {
    const { need, head } = await createBrandingNeed();
    const unverified = await createOrganisation("STAR_SPACE", false);
    const cooperative = await createOrganisation("COOPERATIVE");
    const stranger = await createUser({ role: "EXPERT" });
    expect(await refusal(startBrandProject(head, { needId: need.id, name: "伏牛山珍" }))).toBe(
      "creative.incubator_required",
    );
    expect(
      await refusal(
        startBrandProject(head, {
          needId: need.id,
          name: "伏牛山珍",
          incubatorOrganisationId: unverified.id,
        }),
      ),
    ).toBe("creative.incubator_required");
    expect(
      await refusal(
        startBrandProject(head, {
          needId: need.id,
          name: "伏牛山珍",
          incubatorOrganisationId: cooperative.id,
        }),
      ),
    ).toBe("creative.incubator_required");
    expect(
      await refusal(startBrandProject(head, { needId: need.id, name: "伏牛山珍", leadUserId: stranger.id })),
    ).toBe("creative.lead_not_accepted");
    const space = await createOrganisation("STAR_SPACE");
    const project = await startBrandProject(head, {
      needId: need.id,
      name: "伏牛山珍",
      incubatorOrganisationId: space.id,
    });
    expect(
      await db.brandProject.findUniqueOrThrow({
        where: { id: project.id },
        select: { leadUserId: true, incubatorOrganisationId: true },
      }),
    ).toEqual({ leadUserId: head.id, incubatorOrganisationId: space.id });
  });

  it("refuses outsiders and technical needs, and lets the bureau start one for any branding need", async () => {
    const { need } = await createBrandingNeed();
    const space = await createOrganisation("STAR_SPACE");
    const outsider = await actorOf((await createUser({ role: "VILLAGE" })).id);
    expect(
      await refusal(
        startBrandProject(outsider, { needId: need.id, name: "伏牛山珍", incubatorOrganisationId: space.id }),
      ),
    ).toBe("creative.forbidden");
    const technical = await createBrandingNeed({ kind: "TECHNICAL" });
    expect(
      await refusal(
        startBrandProject(technical.head, {
          needId: technical.need.id,
          name: "伏牛山珍",
          incubatorOrganisationId: space.id,
        }),
      ),
    ).toBe("creative.forbidden");
    const bureau = await createBureau();
    await expect(
      startBrandProject(bureau, { needId: need.id, name: "伏牛山珍", incubatorOrganisationId: space.id }),
    ).resolves.toMatchObject({ needId: need.id });
  });
});

describe("stages", () => {
  it("moves one stage at a time, never skipping or going back", async () => {
    const { expert, project } = await startedProject();
    expect(await refusal(actOnBrandProject(expert, project.id, advance("TRADEMARK_FILING")))).toBe(
      "creative.brand_stage_order",
    );
    await actOnBrandProject(expert, project.id, advance("DESIGN"));
    // A second click on the same stale form must not move it on again.
    expect(await refusal(actOnBrandProject(expert, project.id, advance("DESIGN")))).toBe(
      "creative.brand_stage_order",
    );
    expect(await refusal(actOnBrandProject(expert, project.id, advance("RESEARCH")))).toBe(
      "creative.brand_stage_order",
    );
    expect((await stageOf(project.id)).stage).toBe("DESIGN");
    expect(await db.auditLog.count({ where: { action: "brand.advanced", subjectId: project.id } })).toBe(1);
  });

  it("needs a trademark application number of 7–12 digits to reach the launch stage, and dates the launch", async () => {
    const { head, expert, project } = await startedProject();
    await actOnBrandProject(expert, project.id, advance("DESIGN"));
    await actOnBrandProject(head, project.id, advance("TRADEMARK_FILING"));
    expect(await refusal(actOnBrandProject(expert, project.id, advance("LAUNCH")))).toBe(
      "creative.trademark_required",
    );
    for (const bad of ["123456", "1234567890123", "12345a78"]) {
      expect(
        BrandActionSchema.safeParse({ intent: "advance", to: "LAUNCH", note, trademarkApplicationNo: bad })
          .success,
        bad,
      ).toBe(false);
    }
    expect(await refusal(actOnBrandProject(expert, project.id, { intent: "launch", note }))).toBe(
      "creative.brand_stage_order",
    );
    await actOnBrandProject(expert, project.id, advance("LAUNCH", "58231946"));
    expect(await stageOf(project.id)).toMatchObject({
      stage: "LAUNCH",
      trademarkApplicationNo: "58231946",
      launchedAt: null,
    });
    await actOnBrandProject(head, project.id, { intent: "launch", note: "首批礼盒在洛阳超市上架。" });
    expect((await stageOf(project.id)).launchedAt).toBeInstanceOf(Date);
    expect(await refusal(actOnBrandProject(expert, project.id, { intent: "update", note }))).toBe(
      "creative.brand_closed",
    );
  });
});

describe("updates", () => {
  it("lets the lead, the owner's members and the bureau post, and tells the other side", async () => {
    const { head, organisation, expert, project } = await startedProject();
    const member = await addMember(organisation.id, "VILLAGE");
    const bureau = await createBureau();
    await actOnBrandProject({ ...expert, displayName: "王专家" }, project.id, { intent: "update", note }, [
      await jpegFile(),
    ]);
    await actOnBrandProject(member, project.id, { intent: "update", note });
    await actOnBrandProject(bureau, project.id, { intent: "update", note });
    const events = await db.brandStageEvent.findMany({
      where: { projectId: project.id },
      orderBy: { createdAt: "asc" },
      select: { actorId: true, photoIds: true, stage: true },
    });
    expect(events.map((event) => event.actorId)).toEqual([expert.id, member.id, bureau.id]);
    expect(events[0]!.photoIds).toHaveLength(1);
    expect(events.every((event) => event.stage === "RESEARCH")).toBe(true);
    expect(await db.notification.count({ where: { userId: head.id, type: "brand.updated" } })).toBe(3);
    expect(await db.notification.count({ where: { userId: expert.id, type: "brand.updated" } })).toBe(2);
  });

  it("refuses anyone else without keeping their photos", async () => {
    const { project } = await startedProject();
    const outsider = await actorOf((await createUser({ role: "EXPERT" })).id);
    const uploads = await db.upload.count();
    expect(
      await refusal(actOnBrandProject(outsider, project.id, { intent: "update", note }, [await jpegFile()])),
    ).toBe("creative.forbidden");
    expect(await db.upload.count()).toBe(uploads);
    expect(await db.brandStageEvent.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("abandons with a reason, audited and told to the other side", async () => {
    const { head, expert, project } = await startedProject();
    await actOnBrandProject(head, project.id, { intent: "abandon", reason: "合作社改种其他作物" });
    expect((await stageOf(project.id)).abandonedAt).toBeInstanceOf(Date);
    const told = await db.notification.findFirstOrThrow({
      where: { userId: expert.id, type: "brand.abandoned" },
      select: { payload: true },
    });
    expect(told.payload).toMatchObject({ params: { reason: "合作社改种其他作物" } });
    expect(await db.auditLog.count({ where: { action: "brand.abandoned", subjectId: project.id } })).toBe(1);
  });

  it("answers a too-short note and a malformed trademark number from the page's form on their fields", async () => {
    const { expert, project } = await startedProject();
    const post = async (fields: Record<string, string>) =>
      (await brandAction({
        request: new Request(`http://localhost:3000/brands/${project.id}`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { cookie: await sessionCookieFor(expert.id) },
        }),
        params: { id: project.id },
        context: { cspNonce: "test", clientIp: "10.8.0.1" },
      })) as unknown as {
        data: { intent: string; reply: { error?: Record<string, string[]> } };
        init: { status: number };
      };
    const short = await post({ intent: "update", note: "好" });
    expect(short.init.status).toBe(400);
    expect(short.data.reply.error?.note).toHaveLength(1);
    const malformed = await post({ intent: "advance", to: "DESIGN", note, trademarkApplicationNo: "TM-123" });
    expect(malformed.data.reply.error?.trademarkApplicationNo).toHaveLength(1);
    expect((await stageOf(project.id)).stage).toBe("RESEARCH");
  });
});
