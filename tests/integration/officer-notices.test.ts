import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { fileProgressReport, requestChange, signChangeRequest } from "~/modules/monitoring/monitoring.server";
import { proposeDisbursement } from "~/modules/programmes/programmes.cosign.server";
import { evaluateApplication } from "~/modules/programmes/programmes.cosign-evaluation.server";
import { reportCompletion } from "~/modules/programmes/programmes.completion.server";
import type { SessionUser } from "~/modules/users/session.server";
import { useTestDatabase } from "../support/database";
import {
  changeFields,
  createFundedProject,
  createOfficer,
  reportFields,
} from "../support/monitoring-factories";
import { approveDirectly, createApplication, createOpenProgramme } from "../support/programmes-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-officer-notices-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// 栾川县 (410324) has two county officers, 嵩县 (410325) one; the finance bureau has two officers.
let luanchuan: SessionUser[];
let songxian: SessionUser;
let finance: SessionUser[];
let cityBureau: SessionUser;
beforeAll(async () => {
  luanchuan = [await createOfficer("COUNTY", "410324"), await createOfficer("COUNTY", "410324")];
  songxian = await createOfficer("COUNTY", "410325");
  finance = [await createOfficer("FINANCE"), await createOfficer("FINANCE")];
  cityBureau = await createOfficer("BUREAU");
});

/** The notifications of one type each user holds, as the database has them. */
async function received(type: string, users: { id: string }[], since: Date) {
  const rows = await db.notification.findMany({
    where: { type, userId: { in: users.map((user) => user.id) }, createdAt: { gte: since } },
    select: { userId: true, payload: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ userId: row.userId, href: (row.payload as { href: string | null }).href }));
}

describe("what waits on an officer reaches them", () => {
  it("tells the county's officers of a new application to pre-screen, and no other county's", async () => {
    const since = new Date();
    const { programme } = await createOpenProgramme();
    const { application } = await createApplication(programme.id, { countyCode: "410324" });
    const notices = await received("officer.prescreen_waiting", [...luanchuan, songxian], since);
    expect(notices.map((notice) => notice.userId).sort()).toEqual(luanchuan.map((user) => user.id).sort());
    expect(notices.every((notice) => notice.href === `/bureau/prescreen/${application.id}`)).toBe(true);
  });

  it("passes a change request from the county to the city to finance, and tells the project the outcome", async () => {
    const { applicationId, head } = await createFundedProject();
    const since = new Date();
    const { id } = await requestChange(head, applicationId, changeFields());
    const atCounty = await received("officer.change_waiting", [...luanchuan, songxian, cityBureau], since);
    expect(atCounty.map((notice) => notice.userId).sort()).toEqual(luanchuan.map((user) => user.id).sort());

    const opinionAt = new Date();
    await signChangeRequest(luanchuan[0]!, {
      intent: "countyOpinion",
      requestId: id,
      supports: true,
      opinion: "情况属实",
    });
    const atCity = await received("officer.change_waiting", [cityBureau, ...luanchuan], opinionAt);
    expect(atCity.map((notice) => notice.userId)).toEqual([cityBureau.id]);

    const decisionAt = new Date();
    await signChangeRequest(cityBureau, { intent: "bureauDecision", requestId: id, approve: true, note: "" });
    const atFinance = await received("officer.change_waiting", [...finance, cityBureau], decisionAt);
    expect(atFinance.map((notice) => notice.userId).sort()).toEqual(finance.map((user) => user.id).sort());
    expect(await received("change.approved", [head], since)).toEqual([]);

    await signChangeRequest(finance[1]!, {
      intent: "financeDecision",
      requestId: id,
      approve: true,
      note: "",
    });
    expect(await received("change.approved", [head], since)).toEqual([
      { userId: head.id, href: `/programmes/applications/${applicationId}/change` },
    ]);
  });

  it("tells the project why its change was refused", async () => {
    const { applicationId, head } = await createFundedProject();
    const { id } = await requestChange(head, applicationId, changeFields());
    await signChangeRequest(luanchuan[1]!, {
      intent: "countyOpinion",
      requestId: id,
      supports: false,
      opinion: "不符",
    });
    const since = new Date();
    await signChangeRequest(cityBureau, {
      intent: "bureauDecision",
      requestId: id,
      approve: false,
      note: "预算调整依据不足",
    });
    const refused = await db.notification.findMany({
      where: { type: "change.refused", userId: head.id, createdAt: { gte: since } },
      select: { payload: true },
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.payload).toMatchObject({ params: { reason: "预算调整依据不足" } });
  });

  it("tells the county's officers of a flagged report once, however often the rule fires", async () => {
    const { applicationId, head } = await createFundedProject();
    const since = new Date();
    const unbudgeted = reportFields({
      spending: [{ category: "TESTING", payeeName: "洛阳农资公司", payeeKind: "SUPPLIER", amountFen: 500 }],
    });
    await fileProgressReport(head, applicationId, unbudgeted, []);
    await expect(fileProgressReport(head, applicationId, unbudgeted, [])).rejects.toMatchObject({
      code: "monitoring.report_filed",
    });
    const notices = await received("officer.flag_raised", [...luanchuan, songxian, cityBureau], since);
    expect(notices.map((notice) => notice.userId).sort()).toEqual(luanchuan.map((user) => user.id).sort());
  });

  it("asks every finance officer to sign a proposed payment", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application } = await createApplication(programme.id);
    await approveDirectly(application.id, 30_000);
    const since = new Date();
    await proposeDisbursement(bureau, {
      applicationId: application.id,
      note: "",
      idempotencyKey: randomUUID(),
    });
    const payments = await received("officer.payment_to_sign", finance, since);
    expect(payments.map((notice) => notice.userId).sort()).toEqual(finance.map((user) => user.id).sort());
    expect(payments[0]!.href).toBe(`/bureau/finance/applications/${application.id}`);
  });

  it("asks every finance officer to co-sign a submitted evaluation", async () => {
    const { programme, bureau } = await createOpenProgramme({ kind: "POST_SUBSIDY" });
    const { application, head } = await createApplication(programme.id);
    await approveDirectly(application.id, 30_000);
    await reportCompletion(
      head,
      application.id,
      {
        summary: "完成菌棒生产线建设，培训农户 52 户。",
        farmersTrained: 52,
        incomeChange: 180_000,
        jobsCreated: 6,
        sales: 12_000_000,
      },
      [],
    );
    const since = new Date();
    await evaluateApplication(bureau, application.id, { score: 85, narrative: "成效明显", commended: true });
    const evaluations = await received("officer.evaluation_to_sign", finance, since);
    expect(evaluations.map((notice) => notice.userId).sort()).toEqual(finance.map((user) => user.id).sort());
  });
});
