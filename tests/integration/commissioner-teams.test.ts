import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { createCohort, dispatch } from "~/modules/commissioners/commissioners.server";
import { recordLeave, verifyLeave } from "~/modules/commissioners/leaves.server";
import {
  changeLead,
  confirmMembership,
  createTeam,
  declineInvitation,
  getTeam,
  inviteMember,
  leaveTeam,
} from "~/modules/commissioners/teams.server";
import { OutcomeSchema, VentureSchema } from "~/modules/commissioners/ventures.schema";
import { verifyVenture } from "~/modules/commissioners/venture-decisions.server";
import { listPublicVentures, recordOutcome, recordVenture } from "~/modules/commissioners/ventures.server";
import { reportFigures } from "~/modules/reports/reports-figures.server";
import { periodOf } from "~/modules/reports/reports.periods";
import { DomainError } from "~/utils/errors";
import { createCommissioner, dispatchFields } from "../support/commissioners-factories";
import { createCountyOfficer } from "../support/county-factories";
import { useTestDatabase } from "../support/database";
import { createOrganisation } from "../support/factories";
import { createBureau, createExpert } from "../support/needs-factories";

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

/** A team of a lead and two invited commissioners, one of whom confirmed. */
async function teamOfThree() {
  const lead = await createCommissioner();
  const member = await createCommissioner();
  const invitee = await createCommissioner();
  const team = await createTeam(lead.expert, {
    name: "苹果服务队",
    memberIds: [member.expert.id, invitee.expert.id],
  });
  await confirmMembership(member.expert, team.id);
  return { lead: lead.expert, member: member.expert, invitee: invitee.expert, team, bureau: lead.bureau };
}

const members = (teamId: string) =>
  db.commissionerTeamMember.findMany({ where: { teamId }, select: { userId: true, confirmedAt: true } });

function ventureFields(overrides: Record<string, unknown>) {
  return VentureSchema.parse({
    role: "LEAD",
    title: "苹果种植示范",
    startDate: new Date("2026-11-05"),
    ...overrides,
  });
}

describe("team membership", () => {
  it("shows the team to every member, not only the lead, and to nobody else", async () => {
    const { member, invitee, team } = await teamOfThree();
    expect((await getTeam(member, team.id)).members).toHaveLength(3);
    expect((await getTeam(invitee, team.id)).id).toBe(team.id);
    const stranger = await createExpert();
    expect(await refusal(getTeam(stranger, team.id))).toBe("team.not_found");
  });

  it("lets an invitee decline, a member leave, and keeps the lead until the lead is handed over", async () => {
    const { lead, member, invitee, team } = await teamOfThree();
    await declineInvitation(invitee, team.id);
    expect((await members(team.id)).map((row) => row.userId)).not.toContain(invitee.id);
    expect(await refusal(declineInvitation(invitee, team.id))).toBe("team.not_invited");

    expect(await refusal(leaveTeam(lead, team.id))).toBe("team.lead_cannot_leave");
    expect(await refusal(changeLead(member, team.id, member.id))).toBe("team.not_lead");
    await changeLead(lead, team.id, member.id);
    expect((await db.commissionerTeam.findUniqueOrThrow({ where: { id: team.id } })).leadId).toBe(member.id);

    await leaveTeam(lead, team.id);
    expect((await members(team.id)).map((row) => row.userId)).toEqual([member.id]);
    expect(await refusal(leaveTeam(member, team.id))).toBe("team.lead_cannot_leave");
    const audit = await db.auditLog.count({
      where: { subjectId: team.id, action: { in: ["team.declined", "team.lead_changed", "team.left"] } },
    });
    expect(audit).toBe(3);
  });

  it("hands the lead only to a confirmed member, and only the lead invites (twice is once)", async () => {
    const { lead, member, invitee, team } = await teamOfThree();
    expect(await refusal(changeLead(lead, team.id, invitee.id))).toBe("team.new_lead_not_confirmed");
    const extra = await createCommissioner();
    expect(await refusal(inviteMember(member, team.id, extra.expert.id))).toBe("team.not_lead");
    await inviteMember(lead, team.id, extra.expert.id);
    await inviteMember(lead, team.id, extra.expert.id);
    expect((await members(team.id)).filter((row) => row.userId === extra.expert.id)).toHaveLength(1);
    const notServing = await createExpert();
    expect(await refusal(inviteMember(lead, team.id, notServing.id))).toBe("team.member_not_commissioner");
  });
});

describe("cohort kind", () => {
  it("allows a 三区 and a standard cohort in the same year, but not two of a kind", async () => {
    const bureau = await createBureau();
    await createCohort(bureau, { year: 2090, name: "科技特派员", targetCount: 25 });
    await createCohort(bureau, { year: 2090, kind: "SANQU", name: "三区人才专项", targetCount: 10 });
    expect(
      await refusal(createCohort(bureau, { year: 2090, kind: "SANQU", name: "又一批", targetCount: 5 })),
    ).toBe("commissioner.cohort_exists");
    expect(await db.commissionerCohort.count({ where: { year: 2090 } })).toBe(2);
    await expect(
      db.commissionerCohort.create({ data: { year: 2090, name: "直接写入", createdById: bureau.id } }),
    ).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  });
});

describe("ventures", () => {
  it("are recorded by the team's lead once, verified only by the county's officer or the bureau", async () => {
    const { lead, member, team } = await teamOfThree();
    const coop = await createOrganisation("COOPERATIVE");
    const fields = ventureFields({ holder: team.id, organisationId: coop.id, stake: "12.5" });
    expect(await refusal(recordVenture(member, fields))).toBe("team.not_lead");
    const first = await recordVenture(lead, fields);
    const again = await recordVenture(lead, fields);
    expect(again).toEqual({ id: first.id, created: false });
    const row = await db.commissionerVenture.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ teamId: team.id, commissionerId: null, stakeBp: 1250, countyCode: "410324" });

    const elsewhere = await createCountyOfficer("410325");
    expect(await refusal(verifyVenture(elsewhere.officer, first.id))).toBe("venture.forbidden");
    expect(await refusal(verifyVenture(lead, first.id))).toBe("venture.forbidden");
    expect(
      (await listPublicVentures({}, { skip: 0, take: 20 })).items.map((item) => item.ventureId),
    ).not.toContain(first.id);
    const here = await createCountyOfficer("410324");
    await verifyVenture(here.officer, first.id);
    await verifyVenture(here.officer, first.id);
    expect(await db.auditLog.count({ where: { subjectId: first.id, action: "venture.verified" } })).toBe(1);

    await recordOutcome(
      member,
      first.id,
      OutcomeSchema.parse({ period: "2026-q4", revenue: "1200.50", jobs: 3, householdsReached: 12 }),
    );
    await recordOutcome(
      member,
      first.id,
      OutcomeSchema.parse({ period: "2026-Q4", revenue: "1300", jobs: 4, householdsReached: 15 }),
    );
    const stranger = await createExpert();
    expect(
      await refusal(
        recordOutcome(
          stranger,
          first.id,
          OutcomeSchema.parse({ period: "2027", revenue: "1", jobs: 0, householdsReached: 0 }),
        ),
      ),
    ).toBe("venture.forbidden");
    const listed = (await listPublicVentures({ countyCode: "410324" }, { skip: 0, take: 100 })).items.find(
      (item) => item.ventureId === first.id,
    );
    expect(listed).toMatchObject({
      holderKind: "TEAM",
      role: "LEAD",
      stakePercent: 12.5,
      outcomes: { periods: 1, revenueFen: 130_000, jobs: 4, householdsReached: 15 },
    });
  });

  it("refuse a stake above 100 % and a row with two holders", async () => {
    expect(
      VentureSchema.safeParse({
        holder: "self",
        role: "LEAD",
        title: "示范",
        organisationId: "x",
        stake: "100.01",
        startDate: new Date(),
      }).success,
    ).toBe(false);
    const { expert } = await createCommissioner();
    const { team } = await teamOfThree();
    const coop = await createOrganisation("COOPERATIVE");
    await expect(
      db.commissionerVenture.create({
        data: {
          commissionerId: expert.id,
          teamId: team.id,
          role: "JOINT",
          title: "x",
          organisationId: coop.id,
          countyCode: "410324",
          startDate: new Date(),
          recordedById: expert.id,
        },
      }),
    ).rejects.toThrow();
  });
});

describe("停薪留职", () => {
  it("refuses overlapping periods (an open one overlaps what follows) and only the bureau verifies", async () => {
    const { expert, bureau } = await createCommissioner();
    const leave = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      startDate: new Date("2026-01-01"),
      employerName: "洛阳农林科学院",
    });
    expect(
      await refusal(
        recordLeave(expert, expert.id, {
          employerOrganisationId: undefined,
          startDate: new Date("2027-03-01"),
          endDate: new Date("2027-04-01"),
          employerName: "洛阳农林科学院",
        }),
      ),
    ).toBe("leave.overlap");
    expect(
      await refusal(
        recordLeave(bureau, expert.id, {
          employerOrganisationId: undefined,
          startDate: new Date("2025-06-01"),
          endDate: new Date("2026-01-01"),
          employerName: "洛阳农林科学院",
        }),
      ),
    ).toBe("leave.overlap");
    await recordLeave(bureau, expert.id, {
      employerOrganisationId: undefined,
      startDate: new Date("2025-06-01"),
      endDate: new Date("2025-12-31"),
      employerName: "洛阳农林科学院",
    });
    const other = await createExpert();
    expect(
      await refusal(
        recordLeave(other, expert.id, {
          employerOrganisationId: undefined,
          startDate: new Date("2020-01-01"),
          employerName: "某单位",
        }),
      ),
    ).toBe("leave.forbidden");
    expect(await refusal(verifyLeave(expert, leave.id))).toBe("leave.forbidden");
    await verifyLeave(bureau, leave.id);
    expect(await db.commissionerLeave.count({ where: { userId: expert.id } })).toBe(2);
    expect(
      await db.commissionerLeave.count({ where: { userId: expert.id, verifiedAt: { not: null } } }),
    ).toBe(1);
  });
});

describe("figures", () => {
  it("equal an independent SQL count, for the city and a county", async () => {
    const period = periodOf("MONTH", "2026-11");
    const START = "2026-10-31 16:00:00";
    const END = "2026-11-30 16:00:00";
    const bureau = await createBureau();
    const sanqu = await createCohort(bureau, {
      year: 2026,
      kind: "SANQU",
      name: "三区人才专项",
      targetCount: 10,
    });
    const expert = await createExpert();
    await dispatch(
      bureau,
      dispatchFields(sanqu.id, expert.id, {
        startDate: new Date("2026-10-01"),
        endDate: new Date("2026-12-31"),
      }),
    );
    const leave = await recordLeave(bureau, expert.id, {
      employerOrganisationId: undefined,
      startDate: new Date("2026-09-01"),
      employerName: "河南科技大学",
    });
    await verifyLeave(bureau, leave.id, {}, new Date("2026-11-10T00:00:00Z"));
    const coop = await createOrganisation("COOPERATIVE");
    const venture = await recordVenture(
      expert,
      ventureFields({ holder: "self", organisationId: coop.id, startDate: new Date("2026-10-10") }),
    );
    await verifyVenture(bureau, venture.id, {}, new Date("2026-11-10T00:00:00Z"));

    const sql = async (query: string) =>
      Number((await db.$queryRawUnsafe<{ n: bigint }[]>(query))[0]?.n ?? 0);
    for (const county of [null, "410324", "410325"]) {
      const c = (column: string) => (county ? `AND ${column} = '${county}'` : "");
      const figures = await reportFigures(
        period,
        county ? { kind: "county", countyCode: county } : { kind: "city" },
      );
      expect(figures.commissionerVenturesActive).toBe(
        await sql(
          `SELECT count(*) AS n FROM "CommissionerVenture" WHERE "verifiedAt" < '${END}' AND "startDate" < '${END}' AND ("endDate" IS NULL OR "endDate" >= '${START}') ${c('"countyCode"')}`,
        ),
      );
      expect(figures.sanquCommissionersDispatched).toBe(
        await sql(
          `SELECT count(DISTINCT a."userId") AS n FROM "CommissionerAssignment" a JOIN "CommissionerCohort" k ON k.id = a."cohortId" WHERE k.kind = 'SANQU' AND a."startDate" < '${END}' AND a."endDate" >= '${START}' ${c('a."countyCode"')}`,
        ),
      );
      expect(figures.commissionersOnLeave).toBe(
        await sql(
          `SELECT count(DISTINCT l."userId") AS n FROM "CommissionerLeave" l WHERE l."verifiedAt" < '${END}' AND l."startDate" < '${END}' AND (l."endDate" IS NULL OR l."endDate" >= '${START}') ${county ? `AND EXISTS (SELECT 1 FROM "CommissionerAssignment" a WHERE a."userId" = l."userId" AND a."countyCode" = '${county}' AND a."startDate" < '${END}' AND a."endDate" >= '${START}')` : ""}`,
        ),
      );
      const expected = county === "410325" ? 0 : 1;
      expect([
        figures.commissionerVenturesActive,
        figures.sanquCommissionersDispatched,
        figures.commissionersOnLeave,
      ]).toEqual([expected, expected, expected]);
    }
  });
});
