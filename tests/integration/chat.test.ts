import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  countUnread,
  flushDelivered,
  listConversations,
  listMessages,
  markDelivered,
  markRead,
  messagesAfter,
  openAgreementConversation,
  openApplicationConversation,
  openDirectConversation,
  requireParticipant,
  sendMessage,
} from "~/modules/chat/chat.server";
import { useTestDatabase } from "../support/database";
import { createApplicationChat } from "../support/chat-factories";
import { addMember, createExpert } from "../support/needs-factories";

useTestDatabase();

const send = (senderId: string, conversationId: string, body: string, clientId = randomUUID()) =>
  sendMessage({ senderId, conversationId, clientId, body });

describe("conversations", () => {
  it("lets the applicant, the poster and the cooperative's members in, and nobody else", async () => {
    const chat = await createApplicationChat();
    for (const person of [chat.head, chat.member, chat.expert]) {
      await expect(requireParticipant(person.id, chat.conversation.id)).resolves.toMatchObject({
        id: chat.conversation.id,
      });
    }
    const outsider = await createExpert();
    await expect(requireParticipant(outsider.id, chat.conversation.id)).rejects.toMatchObject({
      code: "chat.not_participant",
    });
    await expect(openApplicationConversation(outsider, chat.application.id)).rejects.toMatchObject({
      code: "chat.not_participant",
    });
    // Both attempts are on record.
    const refusals = await db.auditLog.findMany({
      where: { action: "chat.join_refused", actorId: outsider.id },
    });
    expect(refusals.map((refusal) => refusal.subjectId)).toEqual([
      chat.conversation.id,
      chat.conversation.id,
    ]);
  });

  it("gives a member who joins the cooperative later a seat on first visit", async () => {
    const chat = await createApplicationChat();
    const newcomer = await addMember(chat.organisation.id, "VILLAGE");
    await requireParticipant(newcomer.id, chat.conversation.id);
    expect(
      await db.conversationMember.count({
        where: { conversationId: chat.conversation.id, userId: newcomer.id },
      }),
    ).toBe(1);
  });

  it("opens one application conversation however many times it is asked", async () => {
    const chat = await createApplicationChat();
    const again = await Promise.all([
      openApplicationConversation(chat.expert, chat.application.id),
      openApplicationConversation(chat.member, chat.application.id),
    ]);
    expect(again.map((conversation) => conversation.id)).toEqual([
      chat.conversation.id,
      chat.conversation.id,
    ]);
  });

  it("opens direct messages only between two verified people, one conversation per pair", async () => {
    const a = await createExpert();
    const b = await createExpert();
    const unverified = await createExpert({ verified: false });
    const first = await openDirectConversation(a, b.id);
    expect((await openDirectConversation(b, a.id)).id).toBe(first.id);
    await expect(openDirectConversation(a, unverified.id)).rejects.toMatchObject({
      code: "chat.unverified_other",
    });
    await expect(openDirectConversation(unverified, a.id)).rejects.toMatchObject({
      code: "chat.unverified_self",
    });
    await expect(openDirectConversation(a, a.id)).rejects.toMatchObject({ code: "chat.self" });
  });
});

describe("agreement conversations", () => {
  it("seat every party of the agreement: both sides' people and both organisations' members", async () => {
    const chat = await createApplicationChat();
    const agreement = await db.agreement.create({
      data: {
        number: `XK-TEST-${randomUUID().slice(0, 8)}`,
        title: "香菇菌棒污染防治技术承包",
        applicationId: chat.application.id,
        payerOrganisationId: chat.organisation.id,
        payerUserId: chat.head.id,
        payeeUserId: chat.expert.id,
        createdById: chat.head.id,
      },
      select: { id: true },
    });
    const conversation = await openAgreementConversation(chat.expert, agreement.id);
    expect((await openAgreementConversation(chat.member, agreement.id)).id).toBe(conversation.id);
    const members = await db.conversationMember.findMany({
      where: { conversationId: conversation.id },
      select: { userId: true },
    });
    expect(members.map((member) => member.userId).sort()).toEqual(
      [chat.head.id, chat.member.id, chat.expert.id].sort(),
    );
    const outsider = await createExpert();
    await expect(openAgreementConversation(outsider, agreement.id)).rejects.toMatchObject({
      code: "chat.not_participant",
    });
  });
});

describe("messages", () => {
  it("numbers messages in order and stores a resend with the same client id once", async () => {
    const chat = await createApplicationChat();
    const clientId = randomUUID();
    const first = await send(chat.expert.id, chat.conversation.id, "您好，我下周可以去现场。", clientId);
    const resent = await send(chat.expert.id, chat.conversation.id, "您好，我下周可以去现场。", clientId);
    const second = await send(chat.head.id, chat.conversation.id, "好的，欢迎！");
    expect(first.created).toBe(true);
    expect(resent).toEqual({ message: first.message, created: false });
    expect(second.message.seq).toBeGreaterThan(first.message.seq);
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(2);
  });

  it("gives concurrent senders distinct sequence numbers in commit order", async () => {
    const chat = await createApplicationChat();
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(i % 2 ? chat.expert.id : chat.head.id, chat.conversation.id, `消息 ${i}`),
      ),
    );
    const seqs = sent.map((result) => result.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("stores a burst written in one batch: each conversation numbered in order, a repeated client id once, a bad message alone refused", async () => {
    const one = await createApplicationChat();
    const two = await createApplicationChat();
    const repeated = randomUUID();
    const sends = [
      ...Array.from({ length: 30 }, (_, i) => send(one.expert.id, one.conversation.id, `一 ${i}`)),
      ...Array.from({ length: 30 }, (_, i) => send(two.head.id, two.conversation.id, `二 ${i}`)),
      send(one.head.id, one.conversation.id, "同一条", repeated),
      send(one.head.id, one.conversation.id, "同一条", repeated),
      // A sender that does not exist: the database refuses it, the rest of the burst still lands.
      send("no-such-user", one.conversation.id, "幽灵"),
    ];
    const results = await Promise.allSettled(sends);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    const stored = await db.message.findMany({
      where: { conversationId: { in: [one.conversation.id, two.conversation.id] } },
      orderBy: { seq: "asc" },
      select: { conversationId: true, body: true, seq: true },
    });
    const bodies = (id: string) => stored.filter((row) => row.conversationId === id).map((row) => row.body);
    expect(bodies(two.conversation.id)).toEqual(Array.from({ length: 30 }, (_, i) => `二 ${i}`));
    expect(bodies(one.conversation.id).filter((body) => body.startsWith("一"))).toEqual(
      Array.from({ length: 30 }, (_, i) => `一 ${i}`),
    );
    expect(bodies(one.conversation.id).filter((body) => body === "同一条")).toHaveLength(1);
    const repeats = results
      .slice(60, 62)
      .map((result) => (result as PromiseFulfilledResult<{ created: boolean }>).value.created)
      .sort();
    expect(repeats).toEqual([false, true]);
  });

  it("refuses a client id reused for another conversation instead of rerouting it", async () => {
    const one = await createApplicationChat();
    const other = await openDirectConversation(one.expert, (await createExpert()).id);
    const clientId = randomUUID();
    await send(one.expert.id, one.conversation.id, "第一条", clientId);
    await expect(send(one.expert.id, other.id, "第二条", clientId)).rejects.toMatchObject({
      code: "chat.client_id_reused",
    });
  });

  it("pages history backwards and catches up after a sequence number", async () => {
    const chat = await createApplicationChat();
    for (let i = 1; i <= 7; i++) await send(chat.expert.id, chat.conversation.id, `第 ${i} 条`);
    const latest = await listMessages(chat.conversation.id, { limit: 3 });
    expect(latest.messages.map((message) => message.body)).toEqual(["第 5 条", "第 6 条", "第 7 条"]);
    expect(latest.hasMore).toBe(true);
    const older = await listMessages(chat.conversation.id, { before: latest.messages[0]!.seq, limit: 3 });
    expect(older.messages.map((message) => message.body)).toEqual(["第 2 条", "第 3 条", "第 4 条"]);
    const missed = await messagesAfter(chat.conversation.id, 5);
    expect(missed.messages.map((message) => message.seq)).toEqual([6, 7]);
  });
});

describe("unread counts and receipts", () => {
  it("counts others' messages until read, and never moves a read mark back", async () => {
    const chat = await createApplicationChat();
    await send(chat.expert.id, chat.conversation.id, "一");
    const two = await send(chat.expert.id, chat.conversation.id, "二");
    await send(chat.head.id, chat.conversation.id, "收到");
    expect(await countUnread(chat.head.id)).toBe(2);
    expect(await countUnread(chat.member.id)).toBe(3);
    expect(await countUnread(chat.expert.id)).toBe(1);
    const marks = await markRead(chat.head.id, chat.conversation.id, two.message.seq);
    expect(marks).toMatchObject({ readSeq: 2, unreadCount: 0 });
    expect((await markRead(chat.head.id, chat.conversation.id, 1)).readSeq).toBe(2);
    // A mark beyond the last message is held at the last message.
    expect((await markRead(chat.member.id, chat.conversation.id, 999)).readSeq).toBe(3);
    const list = await listConversations(chat.expert.id);
    expect(list[0]).toMatchObject({ id: chat.conversation.id, unread: 1, needTitle: chat.need.title });
  });

  it("writes delivered marks in one batch", async () => {
    const chat = await createApplicationChat();
    await send(chat.expert.id, chat.conversation.id, "一");
    await send(chat.expert.id, chat.conversation.id, "二");
    markDelivered(chat.head.id, chat.conversation.id, 1);
    markDelivered(chat.head.id, chat.conversation.id, 2);
    markDelivered(chat.member.id, chat.conversation.id, 1);
    expect(await flushDelivered()).toBe(2);
    const members = await db.conversationMember.findMany({
      where: { conversationId: chat.conversation.id },
      select: { userId: true, lastDeliveredSeq: true },
    });
    const delivered = Object.fromEntries(members.map((member) => [member.userId, member.lastDeliveredSeq]));
    expect(delivered[chat.head.id]).toBe(2);
    expect(delivered[chat.member.id]).toBe(1);
  });
});
