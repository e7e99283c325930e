import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import type { ClientSocket } from "~/modules/chat/chat-client";
import type { ChatMessageView } from "~/modules/realtime/events";
import * as needsRoute from "~/routes/api/v1/api.v1.needs";
import { apiRequest, tokenFor } from "../support/api-factories";
import { chatClient, createApplicationChat } from "../support/chat-factories";
import { useTestDatabase } from "../support/database";
import { createVillage } from "../support/needs-factories";
import { useSocketServer } from "../support/socket-server";

/* One text normaliser for everything people type: the chat and the need form clean text alike. */

useTestDatabase();
const server = useSocketServer();
const opened: ClientSocket[] = [];
const FAMILY = "👨‍👩‍👧‍👦";
const graphemes = (text: string) => [...new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(text)];

beforeEach(() => resetRateLimits());
afterEach(() => {
  for (const socket of opened.splice(0)) socket.disconnect();
});

async function postNeed(title: string) {
  const { head } = await createVillage();
  const token = await tokenFor(head, ["needs:write"]);
  const body = {
    intent: "publish",
    title,
    description: "今年春季菌棒污染率超过三成，需要专家现场诊断并指导消毒和接种流程。",
    industry: "PLANTING",
    countyCode: "410324",
    arrangements: ["TECH_CONTRACT"],
  };
  const request = apiRequest("/api/v1/needs", { token, method: "POST", body });
  return needsRoute.action({
    request,
    params: {},
    context: { cspNonce: "t", clientIp: "10.9.0.1" },
  } as never);
}

describe("chat text", () => {
  it("keeps a family emoji as one grapheme and drops a direction override", async () => {
    const chat = await createApplicationChat();
    const socket = await chatClient(server.url, chat.expert.id);
    opened.push(socket);
    const ack = (await socket.emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: `全家 ${FAMILY}\u202E 好`,
    })) as { ok: true; message: ChatMessageView };
    expect(ack.ok).toBe(true);
    const stored = await db.message.findFirstOrThrow({ where: { conversationId: chat.conversation.id } });
    expect(stored.body).toBe(`全家 ${FAMILY} 好`);
    expect(graphemes(stored.body).filter((part) => part.segment === FAMILY)).toHaveLength(1);
  });

  it("answers a lone surrogate with a validation error, not 'unavailable', and stores nothing", async () => {
    const chat = await createApplicationChat();
    const socket = await chatClient(server.url, chat.expert.id);
    opened.push(socket);
    const ack = await socket.emitWithAck("chat:send", {
      conversationId: chat.conversation.id,
      clientId: randomUUID(),
      body: "abc\ud800def",
    });
    expect(ack).toEqual({ ok: false, error: "errors.malformed_text" });
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(0);
  });
});

describe("a need's title", () => {
  it("is stored without direction overrides and control characters", async () => {
    const response = await postNeed("香菇\u202E菌棒\u0007\u001b[31m污染防治");
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const need = await db.need.findUniqueOrThrow({ where: { id }, select: { title: true } });
    expect(need.title).toBe("香菇菌棒[31m污染防治");
  });

  it("of four zero-width spaces is missing", async () => {
    const response = await postNeed("\u200B\u200B\u200B\u200B");
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string; message: string }[] };
    expect(problem.errors).toEqual([{ pointer: "/title", message: "请填写此项" }]);
  });
});
