import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  assignNeed,
  declineAssignment,
  responseTimesByCounty,
  saveTriageSetting,
  triageQueue,
} from "~/modules/reach/triage.server";
import { setPovertyVillage } from "~/modules/reach/poverty.server";
import { action as assignAction } from "~/routes/bureau/bureau.triage_.$needId";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { useTestDatabase } from "../support/database";
import { createCommissioner } from "../support/commissioners-factories";
import { createBureau, createExpert, meta } from "../support/needs-factories";
import { applyAfter, createOpenNeed } from "../support/reach-factories";

useTestDatabase();

// Each test uses its own county so the queue and the figures of one do not leak into another.
const queueIds = async (countyCode: string) => (await triageQueue({ countyCode })).map((need) => need.id);

describe("the triage queue", () => {
  it("takes needs unanswered past the county's threshold (48 h without a setting)", async () => {
    const bureau = await createBureau();
    const old = await createOpenNeed({ hours: 50, county: "410308" });
    const young = await createOpenNeed({ hours: 30, county: "410308" });
    const answered = await createOpenNeed({ hours: 60, county: "410308" });
    await applyAfter(answered.need.id, 5);
    expect(await queueIds("410308")).toEqual([old.need.id]);
    await saveTriageSetting(bureau, { countyCode: "410308", afterHours: 24, targetHours: 72, meta });
    expect(new Set(await queueIds("410308"))).toEqual(new Set([old.need.id, young.need.id]));
  });

  it("puts poverty villages first with the reason, then urgency, then the oldest", async () => {
    const bureau = await createBureau();
    const oldest = await createOpenNeed({ hours: 200, county: "410323" });
    const urgent = await createOpenNeed({ hours: 60, county: "410323", urgency: "URGENT" });
    const poor = await createOpenNeed({ hours: 50, county: "410323" });
    await setPovertyVillage(bureau, {
      organisationId: poor.organisation.id,
      mark: true,
      reason: "2026 年建档立卡名单",
      meta,
    });
    const queue = await triageQueue({ countyCode: "410323" });
    expect(queue.map((need) => need.id)).toEqual([poor.need.id, urgent.need.id, oldest.need.id]);
    expect(queue.map((need) => need.poverty)).toEqual([true, false, false]);
    expect(
      await db.auditLog.count({
        where: { action: "organisation.poverty_marked", subjectId: poor.organisation.id },
      }),
    ).toBe(1);
  });
});

describe("assigning", () => {
  it("assigns to a commissioner, notifies them, and takes the need out of the queue", async () => {
    const bureau = await createBureau();
    const { expert: commissioner } = await createCommissioner();
    const { need } = await createOpenNeed({ hours: 80, county: "410325" });
    await assignNeed(bureau, { needId: need.id, assigneeId: commissioner.id, note: "请优先看看", meta });
    expect(await queueIds("410325")).toEqual([]);
    const notification = await db.notification.findFirstOrThrow({
      where: { userId: commissioner.id, type: "triage.assigned" },
      select: { payload: true },
    });
    expect(notification.payload).toMatchObject({ href: `/needs/${need.id}` });
  });

  it("withdraws the earlier assignment on reassigning, and a decline returns the need to the queue", async () => {
    const bureau = await createBureau();
    const first = await createExpert();
    const second = await createExpert();
    await db.expertProfile.createMany({ data: [{ userId: first.id }, { userId: second.id }] });
    const { need } = await createOpenNeed({ hours: 80, county: "410326" });
    const a = await assignNeed(bureau, { needId: need.id, assigneeId: first.id, meta });
    const b = await assignNeed(bureau, { needId: need.id, assigneeId: second.id, meta });
    const statuses = await db.triageAssignment.findMany({
      where: { needId: need.id },
      select: { id: true, status: true },
    });
    expect(new Map(statuses.map((row) => [row.id, row.status]))).toEqual(
      new Map([
        [a.id, "WITHDRAWN"],
        [b.id, "ASSIGNED"],
      ]),
    );
    await expect(
      declineAssignment(first, { assignmentId: b.id, reason: "不是我的", meta }),
    ).rejects.toMatchObject({ code: "reach.not_found" });
    await declineAssignment(second, { assignmentId: b.id, reason: "这个月在外地", meta });
    await expect(
      declineAssignment(second, { assignmentId: b.id, reason: "再点一次", meta }),
    ).rejects.toMatchObject({ code: "reach.assignment_closed" });
    expect(await queueIds("410326")).toEqual([need.id]);
  });

  it("refuses an unverified expert and people without triage permission", async () => {
    const bureau = await createBureau();
    const unverified = await createExpert({ verified: false });
    await db.expertProfile.create({ data: { userId: unverified.id } });
    const { need, head } = await createOpenNeed({ hours: 80, county: "410327" });
    await expect(
      assignNeed(bureau, { needId: need.id, assigneeId: unverified.id, meta }),
    ).rejects.toMatchObject({ code: "reach.assignee_invalid" });
    await expect(
      assignNeed(head, { needId: need.id, assigneeId: unverified.id, meta }),
    ).rejects.toMatchObject({ code: "reach.forbidden" });
    const cookie = await serializeSessionCookie(await createSession(bureau.id, { ip: "10.5.0.1" }));
    const result = (await assignAction({
      request: new Request(`http://localhost/bureau/triage/${need.id}`, {
        method: "POST",
        body: new URLSearchParams({ assigneeId: unverified.id }),
        headers: { cookie },
      }),
      context: { cspNonce: "t", clientIp: "10.5.0.1" },
      params: { needId: need.id },
    })) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(result.init.status).toBe(409);
    expect(result.data.error.assigneeId).toHaveLength(1);
    expect(await db.triageAssignment.count({ where: { needId: need.id } })).toBe(0);
  });
});

describe("time to first response per county", () => {
  it("matches hand-computed median, p90, share within target and unanswered", async () => {
    const bureau = await createBureau();
    await saveTriageSetting(bureau, { countyCode: "410328", afterHours: 48, targetHours: 24, meta });
    // Answered after 2, 10, 30 and 50 hours; one unanswered for 100 h (past target); one 5 h old.
    for (const hours of [2, 10, 30, 50]) {
      const { need } = await createOpenNeed({ hours: 200, county: "410328" });
      await applyAfter(need.id, hours);
      await applyAfter(need.id, hours + 1); // a later application does not count
    }
    await createOpenNeed({ hours: 100, county: "410328" });
    await createOpenNeed({ hours: 5, county: "410328" });
    const [row] = await responseTimesByCounty({ countyCode: "410328" });
    // Median of 2,10,30,50 = 20; p90 (linear) = 30 + 0.7 × 20 = 44.
    expect(row).toMatchObject({
      countyCode: "410328",
      targetHours: 24,
      published: 6,
      withinTarget: 2,
      eligible: 5,
      unanswered: 2,
      overTarget: true,
    });
    expect(row!.medianHours).toBeCloseTo(20, 6);
    expect(row!.p90Hours).toBeCloseTo(44, 6);
  });

  it("uses the default 72 h target and is not over target when most answers are in time", async () => {
    for (const hours of [1, 3, 80]) {
      const { need } = await createOpenNeed({ hours: 200, county: "410329" });
      await applyAfter(need.id, hours);
    }
    const [row] = await responseTimesByCounty({ countyCode: "410329" });
    expect(row).toMatchObject({
      targetHours: 72,
      published: 3,
      withinTarget: 2,
      eligible: 3,
      unanswered: 0,
      overTarget: false,
    });
    expect(row!.medianHours).toBeCloseTo(3, 6);
  });
});

describe("the demo seed for reach", () => {
  it("leaves a poverty-village need in Luanchuan's queue and a claimable proxy need", async () => {
    const { seedReach, DEMO_CLAIM_CODE } = await import("~/modules/demo/seed-reach.server");
    const { checkClaimCode } = await import("~/modules/reach/informants.server");
    const bureau = await createBureau();
    const { organisation, head } = await createOpenNeed({ hours: 1, county: "410324" });
    const user = await db.user.findUniqueOrThrow({ where: { id: head.id }, select: { passwordHash: true } });
    const seeded = await db.$transaction((tx) =>
      seedReach(tx, {
        passwordHash: user.passwordHash,
        bureauUserId: bureau.id,
        villageUserId: head.id,
        cooperativeId: organisation.id,
      }),
    );
    const queue = await triageQueue({ countyCode: "410324" });
    expect(queue[0]).toMatchObject({ poverty: true, title: "香菇烘干房温度控制改造" });
    expect(await checkClaimCode("+8613800000099", DEMO_CLAIM_CODE, meta)).toBe(seeded.proxyNeedId);
  });
});
