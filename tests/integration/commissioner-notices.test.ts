import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recordLeave, refuseLeave, verifyLeave } from "~/modules/commissioners/leaves.server";
import {
  confirmMembership,
  createTeam,
  declineInvitation,
  inviteMember,
} from "~/modules/commissioners/teams.server";
import { refuseVenture, verifyVenture } from "~/modules/commissioners/venture-decisions.server";
import { VentureIntentSchema, VentureSchema } from "~/modules/commissioners/ventures.schema";
import { getVenture, recordVenture } from "~/modules/commissioners/ventures.server";
import { DomainError } from "~/utils/errors";
import { createCommissioner } from "../support/commissioners-factories";
import { createCountyOfficer } from "../support/county-factories";
import { useTestDatabase } from "../support/database";
import { createOrganisation } from "../support/factories";

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

/** The notifications a person has (but the dispatch that made them a commissioner), oldest first. */
async function inbox(userId: string) {
  const rows = await db.notification.findMany({
    where: { userId, type: { not: "commissioner.dispatched" } },
    orderBy: { createdAt: "asc" },
    select: { type: true, payload: true },
  });
  return rows.map((row) => ({ type: row.type, ...(row.payload as { params: object; href: string }) }));
}

const ventureFields = (overrides: Record<string, unknown>) =>
  VentureSchema.parse({
    role: "FOUNDED",
    title: "香菇创办项目",
    startDate: new Date("2026-11-05"),
    ...overrides,
  });

describe("team invitations", () => {
  it("tell the invitee, and tell the lead whether they joined or declined", async () => {
    const lead = await createCommissioner();
    const [joiner, decliner, later] = [
      await createCommissioner(),
      await createCommissioner(),
      await createCommissioner(),
    ];
    const team = await createTeam(lead.expert, {
      name: "香菇服务队",
      memberIds: [joiner.expert.id, decliner.expert.id],
    });
    const leadName = (await db.user.findUniqueOrThrow({ where: { id: lead.expert.id } })).displayName;
    for (const invitee of [joiner, decliner])
      expect(await inbox(invitee.expert.id)).toEqual([
        {
          type: "team.invited",
          params: { team: "香菇服务队", by: leadName },
          href: `/commissioners/teams/${team.id}`,
        },
      ]);
    expect(await inbox(lead.expert.id)).toEqual([]);

    await confirmMembership(joiner.expert, team.id);
    await confirmMembership(joiner.expert, team.id);
    await declineInvitation(decliner.expert, team.id);
    await inviteMember(lead.expert, team.id, later.expert.id);
    await inviteMember(lead.expert, team.id, later.expert.id);
    const answers = await inbox(lead.expert.id);
    expect(answers.map((row) => row.type)).toEqual(["team.invitation_accepted", "team.invitation_declined"]);
    expect(answers[0]!.params).toMatchObject({ team: "香菇服务队" });
    // A second tap, or a second invitation of the same person, tells nobody twice.
    expect((await inbox(later.expert.id)).map((row) => row.type)).toEqual(["team.invited"]);
    expect(await inbox(joiner.expert.id)).toHaveLength(1);
  });
});

describe("venture decisions", () => {
  it("tell the commissioner, or the team's lead, that the county verified or refused, with the reason", async () => {
    const own = await createCommissioner();
    const coop = await createOrganisation("COOPERATIVE");
    const mine = await recordVenture(own.expert, ventureFields({ holder: "self", organisationId: coop.id }));
    const officer = (await createCountyOfficer("410324")).officer;
    await verifyVenture(officer, mine.id);
    await verifyVenture(officer, mine.id);
    expect(await inbox(own.expert.id)).toEqual([
      {
        type: "venture.verified",
        params: { venture: "香菇创办项目" },
        href: `/commissioners/ventures/${mine.id}`,
      },
    ]);
    expect(await refusal(refuseVenture(officer, mine.id, "材料不全"))).toBe("venture.already_verified");

    const lead = await createCommissioner();
    const member = await createCommissioner();
    const team = await createTeam(lead.expert, { name: "联办队", memberIds: [member.expert.id] });
    await confirmMembership(member.expert, team.id);
    const theirs = await recordVenture(
      lead.expert,
      ventureFields({ holder: team.id, organisationId: coop.id, title: "联办食用菌" }),
    );
    const elsewhere = (await createCountyOfficer("410325")).officer;
    expect(await refusal(refuseVenture(elsewhere, theirs.id, "不在本县"))).toBe("venture.forbidden");
    await refuseVenture(officer, theirs.id, "合作社未确认参与");
    const leadInbox = (await inbox(lead.expert.id)).filter((row) => row.type.startsWith("venture."));
    expect(leadInbox).toEqual([
      {
        type: "venture.refused",
        params: { venture: "联办食用菌", reason: "合作社未确认参与" },
        href: `/commissioners/ventures/${theirs.id}`,
      },
    ]);
    expect((await inbox(member.expert.id)).filter((row) => row.type.startsWith("venture."))).toEqual([]);
    expect(await refusal(verifyVenture(officer, theirs.id))).toBe("venture.already_refused");
    const page = await getVenture(lead.expert, theirs.id);
    expect(page.venture).toMatchObject({ refusalReason: "合作社未确认参与", verifiedAt: null });
    expect(page.canVerify).toBe(false);
    expect(await db.auditLog.count({ where: { subjectId: theirs.id, action: "venture.refused" } })).toBe(1);
  });

  it("needs a reason to refuse", () => {
    const parsed = VentureIntentSchema.safeParse({ intent: "refuse", reason: " " });
    expect(parsed.success).toBe(false);
  });
});

describe("停薪留职 decisions", () => {
  it("tell the commissioner that the bureau verified or refused the leave", async () => {
    const { expert, bureau } = await createCommissioner();
    const first = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      startDate: new Date("2025-01-01"),
      endDate: new Date("2025-06-30"),
      employerName: "洛阳农林科学院",
    });
    const second = await recordLeave(expert, expert.id, {
      employerOrganisationId: undefined,
      startDate: new Date("2025-07-01"),
      employerName: "河南科技大学",
    });
    expect(await refusal(refuseLeave(expert, second.id, "自己退回"))).toBe("leave.forbidden");
    await verifyLeave(bureau, first.id);
    await refuseLeave(bureau, second.id, "缺少单位批准文件");
    await refuseLeave(bureau, second.id, "缺少单位批准文件");
    expect(await inbox(expert.id)).toEqual([
      { type: "leave.verified", params: { employer: "洛阳农林科学院" }, href: `/commissioners/${expert.id}` },
      {
        type: "leave.refused",
        params: { employer: "河南科技大学", reason: "缺少单位批准文件" },
        href: `/commissioners/${expert.id}`,
      },
    ]);
    expect(await refusal(verifyLeave(bureau, second.id))).toBe("leave.already_refused");
    expect(await refusal(refuseLeave(bureau, first.id, "改主意"))).toBe("leave.already_verified");
    expect(await db.commissionerLeave.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      verifiedAt: null,
      refusalReason: "缺少单位批准文件",
      refusedById: bureau.id,
    });
  });
});
