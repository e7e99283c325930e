import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { confirmMembership, createTeam } from "~/modules/commissioners/teams.server";
import { balanceOf, walletId } from "~/modules/ledger/ledger.server";
import { submitApplication } from "~/modules/programmes/programmes.applicants.server";
import { decideApplication, withdrawApplication } from "~/modules/programmes/programmes.server";
import { getApplicantView } from "~/modules/programmes/programmes.queries.server";
import { ban } from "~/modules/sanctions/sanctions.server";
import { isDomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createFinance, payWithCosign } from "../support/finance-factories";
import { createCommissioner } from "../support/commissioners-factories";
import { actorOf, createExpert } from "../support/needs-factories";
import {
  addScores,
  applyFields,
  createApplication,
  createOpenProgramme,
} from "../support/programmes-factories";

useTestDatabase();

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "none";
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

const forCommissioners = { applicantKinds: ["ORGANISATION", "INDIVIDUAL", "TEAM"] as const };

function openToAll() {
  return createOpenProgramme({ applicantKinds: [...forCommissioners.applicantKinds] });
}

/** Approves and pays the whole approved amount, as the two bureaus do: proposed, then co-signed. */
async function approveAndPay(bureauId: string, applicationId: string, approvedFen: number) {
  const bureau = await actorOf(bureauId);
  await addScores(applicationId, 2);
  await decideApplication(bureau, applicationId, { approve: true, approvedFen });
  return payWithCosign(bureau, await createFinance(), { applicationId });
}

/** A team of the lead and `others`, every member confirmed. */
async function confirmedTeam(leadId: string, others: string[]) {
  const team = await createTeam(await actorOf(leadId), { name: "栾川食用菌特派员团队", memberIds: others });
  for (const member of others) await confirmMembership(await actorOf(member), team.id);
  return team;
}

describe("a commissioner applying in their own name", () => {
  it("files the application as a person and the programme money lands in their own wallet", async () => {
    const { programme, bureau } = await openToAll();
    const { expert } = await createCommissioner();
    const { id } = await submitApplication(expert, programme.id, applyFields("self"));
    const row = await db.programmeApplication.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      applicantKind: "INDIVIDUAL",
      organisationId: null,
      applicantId: expert.id,
      teamId: null,
      status: "SUBMITTED",
    });
    expect(await getApplicantView(id, expert)).toMatchObject({ organisation: { name: expert.displayName } });

    await approveAndPay(bureau.id, id, 30_000);
    expect(await balanceOf(walletId({ userId: expert.id }))).toBe(30_000);
    expect(await db.programmeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DISBURSED",
      disbursedFen: 30_000,
    });
  });

  it("files once when the same person submits twice, and may withdraw their own application", async () => {
    const { programme } = await openToAll();
    const { expert } = await createCommissioner();
    const first = await submitApplication(expert, programme.id, applyFields("self"));
    expect(await code(submitApplication(expert, programme.id, applyFields("self")))).toBe(
      "applicant.duplicate",
    );
    expect(await db.programmeApplication.count({ where: { applicantId: expert.id } })).toBe(1);
    await withdrawApplication(expert, first.id);
    expect((await db.programmeApplication.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      "WITHDRAWN",
    );
  });

  it("refuses an expert who is not a serving commissioner, and a programme closed to individuals", async () => {
    const { programme } = await openToAll();
    const expert = await createExpert();
    expect(await code(submitApplication(expert, programme.id, applyFields("self")))).toBe(
      "applicant.not_commissioner",
    );
    const orgsOnly = await createOpenProgramme();
    const { expert: commissioner } = await createCommissioner();
    expect(await code(submitApplication(commissioner, orgsOnly.programme.id, applyFields("self")))).toBe(
      "applicant.kind_not_allowed",
    );
    expect(
      await db.programmeApplication.count({
        where: { programmeId: { in: [programme.id, orgsOnly.programme.id] } },
      }),
    ).toBe(0);
  });

  it("refuses a banned commissioner", async () => {
    const { programme, bureau } = await openToAll();
    const { expert } = await createCommissioner();
    await ban(bureau, { userId: expert.id, reason: "伪造服务记录" });
    expect(await code(submitApplication(expert, programme.id, applyFields("self")))).toBe("sanction.banned");
    expect(await db.programmeApplication.count({ where: { applicantId: expert.id } })).toBe(0);
  });

  it("keeps the organisation path as it was, and closes it on a programme for commissioners only", async () => {
    const { programme } = await openToAll();
    const { application, organisation } = await createApplication(programme.id);
    expect(await db.programmeApplication.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      applicantKind: "ORGANISATION",
      organisationId: organisation.id,
    });
    const commissionersOnly = await createOpenProgramme({ applicantKinds: ["INDIVIDUAL"] });
    expect(await code(createApplication(commissionersOnly.programme.id))).toBe("applicant.kind_not_allowed");
  });
});

describe("a commissioner team", () => {
  it("is applied for by its lead once members confirmed, and is paid into the lead's wallet", async () => {
    const { programme, bureau } = await openToAll();
    const lead = (await createCommissioner()).expert;
    const member = (await createCommissioner()).expert;
    const team = await createTeam(lead, { name: "嵩县中药材特派员团队", memberIds: [member.id] });
    const value = `team:${team.id}`;
    expect(await code(submitApplication(lead, programme.id, applyFields(value)))).toBe("team.too_small");
    await confirmMembership(member, team.id);
    await confirmMembership(member, team.id);
    expect(
      await db.commissionerTeamMember.count({ where: { teamId: team.id, confirmedAt: { not: null } } }),
    ).toBe(2);
    expect(await code(submitApplication(member, programme.id, applyFields(value)))).toBe("team.not_lead");

    const { id } = await submitApplication(lead, programme.id, applyFields(value));
    expect(await db.programmeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({
      applicantKind: "TEAM",
      teamId: team.id,
      applicantId: lead.id,
      organisationId: null,
    });
    await approveAndPay(bureau.id, id, 40_000);
    expect(await balanceOf(walletId({ userId: lead.id }))).toBe(40_000);
    expect(await balanceOf(walletId({ userId: member.id }))).toBe(0);
  });

  it("cannot be formed with a member who is not a commissioner", async () => {
    const lead = (await createCommissioner()).expert;
    const outsider = await createExpert();
    expect(await code(createTeam(lead, { name: "混合团队", memberIds: [outsider.id] }))).toBe(
      "team.member_not_commissioner",
    );
    expect(await db.commissionerTeam.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("cannot apply while one confirmed member is banned", async () => {
    const { programme, bureau } = await openToAll();
    const lead = (await createCommissioner()).expert;
    const member = (await createCommissioner()).expert;
    const team = await confirmedTeam(lead.id, [member.id]);
    await ban(bureau, { userId: member.id, reason: "挪用专项资金" });
    expect(await code(submitApplication(lead, programme.id, applyFields(`team:${team.id}`)))).toBe(
      "applicant.member_banned",
    );
    expect(await db.programmeApplication.count({ where: { teamId: team.id } })).toBe(0);
  });
});
