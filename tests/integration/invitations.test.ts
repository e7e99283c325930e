import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { applyToNeed } from "~/modules/applications/applications.server";
import {
  declineInvitation,
  getInvitePage,
  inviteExperts,
  listMyInvitations,
} from "~/modules/negotiation/invitations.server";
import { closeNeed } from "~/modules/needs/needs.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as invitationsAction } from "~/routes/account/account.invitations";
import { loader as needLoader } from "~/routes/needs/needs.$id";
import { action as inviteAction } from "~/routes/needs/needs.$id_.invite";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { addMember, createBureau, createExpert, meta } from "../support/needs-factories";
import { openNeed, proposal } from "../support/negotiation-factories";

useTestDatabase();

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

const context = { cspNonce: "test", clientIp: "10.6.0.1" };

async function post(url: string, userId: string, fields: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) body.append(name, item);
  const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
  return new Request(`http://localhost${url}`, { method: "POST", body, headers: { cookie } });
}

describe("inviting experts", () => {
  it("invites verified experts and tells each of them, linking to the need", async () => {
    const { needId, head, organisation } = await openNeed();
    const [a, b] = await Promise.all([createExpert(), createExpert()]);
    const result = await inviteExperts(head, needId, [a.id, b.id, a.id], "请来看看我们的菌棒", meta);
    expect(result).toEqual({ invited: [a.id, b.id], alreadyInvited: [] });
    const rows = await db.needInvitation.findMany({
      where: { needId },
      select: { expertId: true, status: true, message: true, invitedById: true },
    });
    expect(rows).toHaveLength(2);
    expect(
      rows.every(
        (row) =>
          row.status === "PENDING" && row.message === "请来看看我们的菌棒" && row.invitedById === head.id,
      ),
    ).toBe(true);
    const notices = await db.notification.findMany({
      where: { type: "invitation.received" },
      select: { userId: true, payload: true },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([a.id, b.id].sort());
    expect(notices[0]!.payload).toMatchObject({
      params: { by: organisation.name },
      href: `/needs/${needId}`,
    });
    expect(await db.auditLog.count({ where: { action: "need.experts_invited", subjectId: needId } })).toBe(1);
  });

  it("reports experts invited before without losing the new invitations", async () => {
    const { needId, head } = await openNeed();
    const [a, b] = await Promise.all([createExpert(), createExpert()]);
    await inviteExperts(head, needId, [a.id]);
    expect(await inviteExperts(head, needId, [a.id, b.id])).toEqual({
      invited: [b.id],
      alreadyInvited: [a.id],
    });
    expect(await db.needInvitation.count({ where: { needId } })).toBe(2);
    expect(await db.notification.count({ where: { userId: a.id, type: "invitation.received" } })).toBe(1);
  });

  it("refuses self-invitation, members of the posting organisation, unverified and unknown experts", async () => {
    const { needId, head, organisation } = await openNeed();
    const good = await createExpert();
    const member = await addMember(organisation.id, "EXPERT");
    await db.user.update({ where: { id: member.id }, data: { verifiedAt: new Date() } });
    await rejects(inviteExperts(head, needId, [head.id]), "negotiation.self_invitation");
    await rejects(inviteExperts(head, needId, [good.id, member.id]), "negotiation.self_invitation");
    await rejects(
      inviteExperts(head, needId, [good.id, (await createExpert({ verified: false })).id]),
      "negotiation.expert_not_eligible",
    );
    await rejects(inviteExperts(head, needId, ["nobody"]), "negotiation.expert_not_eligible");
    await rejects(
      inviteExperts(head, needId, [(await createBureau()).id]),
      "negotiation.expert_not_eligible",
    );
    await rejects(inviteExperts(head, needId, []), "negotiation.no_experts");
    // A refused request invites nobody, not even the good expert in it.
    expect(await db.needInvitation.count({ where: { needId } })).toBe(0);
  });

  it("lets only the need's managers invite, and only to a draft or open need", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    await rejects(inviteExperts(await createExpert(), needId, [expert.id]), "negotiation.forbidden");
    await rejects(inviteExperts(head, "missing", [expert.id]), "negotiation.not_found");
    await closeNeed({ actor: head, needId, meta });
    await rejects(inviteExperts(head, needId, [expert.id]), "negotiation.need_not_invitable");
  });

  it("points the notice of a draft need to the expert's invitations, where the draft is named but not linked", async () => {
    const { needId, head } = await openNeed({}, { publish: false });
    const expert = await createExpert();
    await inviteExperts(head, needId, [expert.id]);
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: expert.id },
      select: { payload: true },
    });
    expect(notice.payload).toMatchObject({ href: "/account/invitations" });
    const [mine] = await listMyInvitations(expert.id);
    expect(mine).toMatchObject({ status: "PENDING", need: { id: needId, status: "DRAFT" } });
  });

  it("offers recommended and searched experts on the invite page, never the poster's own side", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    await db.user.update({ where: { id: expert.id }, data: { displayName: "王振华研究员" } });
    const page = await getInvitePage(head, needId, "振华");
    expect(page.found.map((e) => e.id)).toEqual([expert.id]);
    expect(page.found.some((e) => e.id === head.id)).toBe(false);
  });
});

describe("declining an invitation", () => {
  it("is the invited expert's alone, once, and tells the poster why", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    await inviteExperts(head, needId, [expert.id]);
    const invitation = await db.needInvitation.findFirstOrThrow({ where: { needId }, select: { id: true } });
    await rejects(declineInvitation(await createExpert(), invitation.id), "negotiation.not_found");
    await declineInvitation(expert, invitation.id, "春耕期间抽不开身", meta);
    expect(
      await db.needInvitation.findUniqueOrThrow({
        where: { id: invitation.id },
        select: { status: true, respondedAt: true },
      }),
    ).toMatchObject({ status: "DECLINED", respondedAt: expect.any(Date) });
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: head.id, type: "invitation.declined" },
      select: { payload: true },
    });
    expect(notice.payload).toMatchObject({ params: { reason: "春耕期间抽不开身" } });
    await rejects(declineInvitation(expert, invitation.id), "negotiation.invitation_not_pending");
  });
});

describe("invitation-only needs", () => {
  it("refuses experts without an invitation, takes invited ones and marks their invitation applied", async () => {
    const { needId, head } = await openNeed({ invitationOnly: "on" });
    expect(
      await db.need.findUniqueOrThrow({ where: { id: needId }, select: { invitationOnly: true } }),
    ).toEqual({ invitationOnly: true });
    const [invited, stranger] = await Promise.all([createExpert(), createExpert()]);
    await rejects(
      applyToNeed({ actor: stranger, needId, application: proposal(), meta }),
      "negotiation.invitation_required",
    );
    await inviteExperts(head, needId, [invited.id]);
    await applyToNeed({ actor: invited, needId, application: proposal(), meta });
    expect(
      await db.needInvitation.findFirstOrThrow({
        where: { needId, expertId: invited.id },
        select: { status: true, respondedAt: true },
      }),
    ).toMatchObject({ status: "APPLIED", respondedAt: expect.any(Date) });
  });

  it("takes an expert that triage assigned, and marks the assignment applied", async () => {
    const { needId } = await openNeed({ invitationOnly: "on" });
    const [assignee, bureau] = await Promise.all([createExpert(), createBureau()]);
    const assignment = await db.triageAssignment.create({
      data: { needId, assigneeId: assignee.id, assignedById: bureau.id },
      select: { id: true },
    });
    await applyToNeed({ actor: assignee, needId, application: proposal(), meta });
    expect(
      await db.triageAssignment.findUniqueOrThrow({
        where: { id: assignment.id },
        select: { status: true, respondedAt: true },
      }),
    ).toMatchObject({ status: "APPLIED", respondedAt: expect.any(Date) });
  });

  it("does not take an expert who declined the invitation", async () => {
    const { needId, head } = await openNeed({ invitationOnly: "on" });
    const expert = await createExpert();
    await inviteExperts(head, needId, [expert.id]);
    const invitation = await db.needInvitation.findFirstOrThrow({ where: { needId }, select: { id: true } });
    await declineInvitation(expert, invitation.id);
    await rejects(
      applyToNeed({ actor: expert, needId, application: proposal(), meta }),
      "negotiation.invitation_required",
    );
  });

  it("still marks an invitation applied on an open need", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    await inviteExperts(head, needId, [expert.id]);
    await applyToNeed({ actor: expert, needId, application: proposal(), meta });
    expect(
      (await db.needInvitation.findFirstOrThrow({ where: { needId }, select: { status: true } })).status,
    ).toBe("APPLIED");
  });
});

describe("the invitation routes", () => {
  it("invites the ticked experts and redirects back with a toast", async () => {
    const { needId, head } = await openNeed();
    const [a, b] = await Promise.all([createExpert(), createExpert()]);
    const response = (await inviteAction({
      request: await post(`/needs/${needId}/invite`, head.id, {
        intent: "invite",
        expertIds: [a.id, b.id],
        message: "盼复",
      }),
      context,
      params: { id: needId },
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/needs/${needId}/invite`);
    expect(await db.needInvitation.count({ where: { needId } })).toBe(2);
  });

  it("answers 400 when no expert is ticked and 403 for a self-invitation", async () => {
    const { needId, head } = await openNeed();
    const empty = (await inviteAction({
      request: await post(`/needs/${needId}/invite`, head.id, { intent: "invite" }),
      context,
      params: { id: needId },
    })) as unknown as { data: { error: string }; init: { status: number } };
    expect(empty.init.status).toBe(400);
    expect(empty.data.error).toBe("请至少选择一位专家");
    const self = (await inviteAction({
      request: await post(`/needs/${needId}/invite`, head.id, { intent: "invite", expertIds: head.id }),
      context,
      params: { id: needId },
    })) as unknown as { init: { status: number } };
    expect(self.init.status).toBe(403);
  });

  it("lets the expert decline from their invitations page", async () => {
    const { needId, head } = await openNeed();
    const expert = await createExpert();
    await inviteExperts(head, needId, [expert.id]);
    const invitation = await db.needInvitation.findFirstOrThrow({ where: { needId }, select: { id: true } });
    const response = (await invitationsAction({
      request: await post("/account/invitations", expert.id, {
        intent: "decline",
        invitationId: invitation.id,
        reason: "不在服务区县",
      }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(
      (await db.needInvitation.findUniqueOrThrow({ where: { id: invitation.id }, select: { status: true } }))
        .status,
    ).toBe("DECLINED");
  });
});

describe("the need page of an invitation-only need", () => {
  it("offers the apply form to invited experts, and is not found by other experts (issue 20)", async () => {
    const { needId, head } = await openNeed({ invitationOnly: "on" });
    const [invited, stranger] = await Promise.all([createExpert(), createExpert()]);
    await inviteExperts(head, needId, [invited.id]);
    const view = async (userId: string) => {
      const cookie = await serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
      return needLoader({
        request: new Request(`http://localhost/needs/${needId}`, { headers: { cookie } }),
        context,
        params: { id: needId },
      });
    };
    expect(await view(invited.id)).toMatchObject({
      invited: true,
      isExpert: true,
      need: { invitationOnly: true },
    });
    const refused: unknown = await view(stranger.id).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
  });
});
