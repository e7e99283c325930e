import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { changeLeaveEnd } from "~/modules/commissioners/leave-changes.server";
import { listLeavesOf, recordLeave, refuseLeave, verifyLeave } from "~/modules/commissioners/leaves.server";
import { LeaveIntentSchema } from "~/modules/commissioners/ventures.schema";
import { action as profileAction } from "~/routes/commissioners/commissioners.$userId";
import { DomainError } from "~/utils/errors";
import { getToast } from "~/utils/toast.server";
import { createCommissioner } from "../support/commissioners-factories";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** A period's dates as the leave form gives them. */
const period = (startDate: string, endDate?: string) => ({
  startDate: day(startDate),
  endDate: endDate ? day(endDate) : undefined,
});

const noticesOf = (userId: string, type: string) =>
  db.notification.findMany({ where: { userId, type }, select: { payload: true } });

describe("moving the end of a 停薪留职 period", () => {
  it("extends and then ends early with reasons, keeping each change, and sends the bureau to verify again", async () => {
    const { expert, bureau } = await createCommissioner();
    const leave = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      ...period("2026-01-01", "2026-06-30"),
      employerName: "洛阳农林科学院",
    });
    await verifyLeave(bureau, leave.id, {}, day("2026-01-05"));

    await changeLeaveEnd(expert, leave.id, { endDate: day("2026-12-31"), reason: "项目延期半年" });
    let stored = await db.commissionerLeave.findUniqueOrThrow({ where: { id: leave.id } });
    expect(stored).toMatchObject({ endDate: day("2026-12-31"), verifiedAt: null, verifiedById: null });
    const told = await noticesOf(bureau.id, "officer.leave_changed");
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({
      params: { employer: "洛阳农林科学院", end: "2026-12-31" },
      href: "/bureau/commissioners",
    });

    await verifyLeave(bureau, leave.id);
    await changeLeaveEnd(expert, leave.id, { endDate: day("2026-09-30"), reason: "提前回原单位" });
    stored = await db.commissionerLeave.findUniqueOrThrow({ where: { id: leave.id } });
    expect(stored.endDate).toEqual(day("2026-09-30"));
    expect(stored.verifiedAt).toBeNull();

    const history = await db.commissionerLeaveChange.findMany({
      where: { leaveId: leave.id },
      orderBy: { createdAt: "asc" },
    });
    expect(history.map((row) => [row.fromEndDate, row.toEndDate, row.reason, row.changedById])).toEqual([
      [day("2026-06-30"), day("2026-12-31"), "项目延期半年", expert.id],
      [day("2026-12-31"), day("2026-09-30"), "提前回原单位", expert.id],
    ]);
    expect(history[0]!.previousVerifiedAt).toEqual(day("2026-01-05"));
    expect(history.every((row) => row.previousVerifiedAt !== null)).toBe(true);
    expect((await listLeavesOf(expert.id))[0]!.changes).toHaveLength(2);
    expect(
      await db.auditLog.count({ where: { subjectId: leave.id, action: "commissioner.leave_end_changed" } }),
    ).toBe(2);
  });

  it("gives an open-ended leave its end, and a change by the bureau stays verified with the commissioner told", async () => {
    const { expert, bureau } = await createCommissioner();
    const leave = await recordLeave(bureau, expert.id, {
      employerOrganisationId: undefined,
      ...period("2026-03-01"),
      employerName: "河南科技大学",
    });
    await changeLeaveEnd(bureau, leave.id, { endDate: day("2026-08-31"), reason: "单位通知返岗" });
    const stored = await db.commissionerLeave.findUniqueOrThrow({ where: { id: leave.id } });
    expect(stored).toMatchObject({ endDate: day("2026-08-31"), verifiedById: bureau.id });
    expect(stored.verifiedAt).not.toBeNull();
    expect(
      (await db.commissionerLeaveChange.findFirstOrThrow({ where: { leaveId: leave.id } })).fromEndDate,
    ).toBeNull();
    const told = await noticesOf(expert.id, "leave.changed");
    expect(told.map((row) => row.payload)).toEqual([
      {
        params: { employer: "河南科技大学", end: "2026-08-31" },
        href: `/commissioners/${expert.id}`,
      },
    ]);
    expect(await noticesOf(bureau.id, "officer.leave_changed")).toHaveLength(0);
  });

  it("refuses the same date, a date before the start, running into the next period, outsiders and refused periods", async () => {
    const { expert, bureau } = await createCommissioner();
    const first = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      ...period("2025-01-01", "2025-06-30"),
      employerName: "洛阳农林科学院",
    });
    await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      ...period("2025-09-01", "2025-12-31"),
      employerName: "洛阳农林科学院",
    });
    const move = (endDate: string, actor = expert) =>
      refusal(changeLeaveEnd(actor, first.id, { endDate: day(endDate), reason: "调整" }));
    expect(await move("2025-06-30")).toBe("leave.end_unchanged");
    expect(await move("2024-12-31")).toBe("leave.end_before_start");
    expect(await move("2025-09-01")).toBe("leave.overlap");
    expect(await move("2025-07-31", await createExpert())).toBe("leave.not_found");
    await changeLeaveEnd(expert, first.id, { endDate: day("2025-08-31"), reason: "延长两个月" });

    await refuseLeave(bureau, first.id, "缺少批准文件");
    expect(await move("2025-07-31")).toBe("leave.already_refused");
    // A refused period no longer blocks recording the same dates again.
    await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      ...period("2025-01-01", "2025-06-30"),
      employerName: "洛阳农林科学院",
    });
    expect(await db.commissionerLeaveChange.count({ where: { leaveId: first.id } })).toBe(1);
  });

  it("takes the new end and a reason from the form", () => {
    const parse = (fields: Record<string, unknown>) =>
      LeaveIntentSchema.safeParse({ intent: "changeLeaveEnd", leaveId: "leave1", ...fields });
    expect(parse({ endDate: day("2026-01-01"), reason: "延期" }).success).toBe(true);
    expect(parse({ endDate: day("2026-01-01"), reason: "" }).success).toBe(false);
    expect(parse({ reason: "延期" }).success).toBe(false);
  });

  it("is posted from the commissioner's page, and a bad date comes back as a translated toast", async () => {
    const { expert } = await createCommissioner();
    const leave = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      ...period("2026-02-01", "2026-05-31"),
      employerName: "洛阳农林科学院",
    });
    const post = async (fields: Record<string, string>) =>
      (await profileAction({
        request: new Request(`http://localhost/commissioners/${expert.id}`, {
          method: "POST",
          headers: { cookie: await sessionCookieFor(expert.id) },
          body: new URLSearchParams({ intent: "changeLeaveEnd", leaveId: leave.id, ...fields }),
        }),
        context: { cspNonce: "test", clientIp: "10.8.0.1" },
        params: { userId: expert.id },
      })) as Response;
    const toastOf = async (response: Response) => {
      const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
      return (await getToast(new Request("http://localhost/", { headers: { cookie } }))).toast;
    };
    const early = await post({ endDate: "2026-04-30", reason: "提前返岗" });
    expect(early.status).toBe(302);
    expect(await toastOf(early)).toMatchObject({ message: "leaves.toast.changed", type: "success" });
    expect(early.headers.get("Location")).toBe(`/commissioners/${expert.id}`);
    expect((await db.commissionerLeave.findUniqueOrThrow({ where: { id: leave.id } })).endDate).toEqual(
      day("2026-04-30"),
    );
    const before = await post({ endDate: "2026-01-01", reason: "写错了" });
    expect(before.status).toBe(302);
    expect(await toastOf(before)).toMatchObject({ message: "teams.errors.end_before_start", type: "error" });
    expect(await db.commissionerLeaveChange.count({ where: { leaveId: leave.id } })).toBe(1);
  });
});
