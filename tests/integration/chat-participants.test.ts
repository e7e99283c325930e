import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sendMessage } from "~/modules/chat/chat.server";
import { getConversationHeader, listConversations } from "~/modules/chat/conversation-list.server";
import { useTestDatabase } from "../support/database";
import { createApplicationChat } from "../support/chat-factories";

useTestDatabase();

describe("who a conversation is with", () => {
  it("names the other side in the list: the village for the expert, the expert for the village", async () => {
    const chat = await createApplicationChat();
    const [forExpert] = await listConversations(chat.expert.id);
    const [forHead] = await listConversations(chat.head.id);
    const organisation = await db.organisation.findUniqueOrThrow({ where: { id: chat.organisation.id } });
    const expert = await db.user.findUniqueOrThrow({ where: { id: chat.expert.id } });
    expect(forExpert!.counterpartName).toBe(organisation.name);
    expect(forHead!.counterpartName).toBe(expert.displayName);
  });

  it("lists as participants the two sides and whoever wrote, not colleagues who only read along", async () => {
    const chat = await createApplicationChat();
    const ids = async (viewer: string) =>
      (await getConversationHeader(chat.conversation.id, viewer)).others.map((other) => other.userId).sort();
    expect(await ids(chat.expert.id)).toEqual([chat.head.id]);
    await sendMessage({
      senderId: chat.member.id,
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: "我也来看看",
    });
    expect(await ids(chat.expert.id)).toEqual([chat.head.id, chat.member.id].sort());
  });
});
