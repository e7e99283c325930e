import { z } from "zod";
import { DomainError } from "~/utils/errors";
import { ClientMessageId, MessageBody } from "~/modules/chat/chat.schema";
import {
  listConversations,
  messagesAfter,
  postMessage,
  requireParticipant,
} from "~/modules/chat/chat.server";
import type { Actor } from "~/modules/users/permissions";
import * as s from "./api.schema";
import { PageQuery, decodeCursor, defineEndpoint, encodeCursor, pageOf, toPage } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";
import type { RequestMeta } from "~/utils/request.server";

/** Another person's conversation answers like a missing one, as the pages do. */
async function participantOnly(actor: Actor, conversationId: string, meta: RequestMeta) {
  try {
    return await requireParticipant(actor.id, conversationId, meta);
  } catch (error) {
    if (error instanceof DomainError && error.code === "chat.not_participant")
      throw new DomainError("chat.not_found");
    throw error;
  }
}

export const listConversationsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/conversations",
    tag: "messages",
    scope: "messages:read",
    permission: "chat.use",
    summary: "api.op.getConversations",
    description: "api.op.getConversations.detail",
    query: PageQuery,
    response: pageOf(s.ConversationSchema),
  },
  async ({ actor, query }) => {
    // The page's list (with unread counts) is built whole; the keyset is applied to it here.
    const all = (await listConversations(actor!.id)).sort(
      (a, b) => b.lastActivity.localeCompare(a.lastActivity) || b.id.localeCompare(a.id),
    );
    let rest = all;
    if (query.cursor) {
      const { sort, id } = decodeCursor(query.cursor);
      if (typeof sort !== "string") throw new DomainError("api.invalid_cursor");
      rest = all.filter((item) => item.lastActivity < sort || (item.lastActivity === sort && item.id < id));
    }
    return toPage(rest.slice(0, query.limit + 1), query.limit, (item) => [item.lastActivity, item.id]);
  },
);

export const listMessagesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/conversations/{id}/messages",
    tag: "messages",
    scope: "messages:read",
    permission: "chat.use",
    summary: "api.op.getConversationsIdMessages",
    description: "api.op.getConversationsIdMessages.detail",
    params: IdParams,
    query: PageQuery.extend({
      limit: z.coerce
        .number()
        .int()
        .min(1, "api.problem.invalid_request")
        .max(200, "api.problem.invalid_request")
        .default(50),
      after: z.coerce.number().int().min(0).optional(),
    }),
    response: pageOf(s.MessageSchema),
  },
  async ({ actor, params, query, meta }) => {
    await participantOnly(actor!, params.id, meta);
    let after = query.after ?? 0;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number") throw new DomainError("api.invalid_cursor");
      after = sort;
    }
    const { messages, hasMore } = await messagesAfter(params.id, after, query.limit);
    const last = messages.at(-1);
    return { data: messages, nextCursor: hasMore && last ? encodeCursor(last.seq, last.id) : null };
  },
);

export const sendMessageEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/conversations/{id}/messages",
    tag: "messages",
    scope: "messages:write",
    permission: "chat.use",
    summary: "api.op.postConversationsIdMessages",
    description: "api.op.postConversationsIdMessages.detail",
    params: IdParams,
    body: z.object({
      clientId: ClientMessageId,
      body: MessageBody.refine((text) => text.length > 0, "chat.errors.empty"),
    }),
    response: s.SentMessageSchema,
  },
  async ({ actor, params, body, meta }) => {
    await participantOnly(actor!, params.id, meta);
    // The page's send: stored once per clientId, then published to the conversation's sockets.
    return postMessage({
      senderId: actor!.id,
      conversationId: params.id,
      clientId: body.clientId,
      body: body.body,
    });
  },
);
