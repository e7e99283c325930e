import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as conversationAction, loader as conversationLoader } from "~/routes/messages/messages.$id";
import { loader as attachmentLoader } from "~/routes/messages/messages.$id_.attachments.$uploadId";
import { loader as publicUploadLoader } from "~/routes/site/uploads.$id";
import { useTestDatabase } from "../support/database";
import { createApplicationChat } from "../support/chat-factories";
import { createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-chat-routes-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.5.0.1" };

function post(conversationId: string, cookie: string, fields: Record<string, string>, image?: File) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (image) form.append("image", image);
  return conversationAction({
    request: new Request(`http://localhost/messages/${conversationId}`, {
      method: "POST",
      body: form,
      headers: { cookie },
    }),
    context,
    params: { id: conversationId },
  });
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown response");
}

type Refusal = { data: { error: string; body: string }; init: { status: number } };

describe("the conversation page's form", () => {
  it("sends a message with a photo; the photo is served to participants only", async () => {
    const chat = await createApplicationChat();
    const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#8b6f47" } })
      .jpeg()
      .toBuffer();
    const response = (await post(
      chat.conversation.id,
      await sessionCookieFor(chat.expert.id),
      { clientId: randomUUID(), body: "菌棒现场照片" },
      new File([new Uint8Array(jpeg)], "jun.jpg", { type: "image/jpeg" }),
    )) as Response;
    expect(response.status).toBe(303);
    const message = await db.message.findFirstOrThrow({
      where: { conversationId: chat.conversation.id },
      select: { body: true, attachmentId: true },
    });
    expect(message.body).toBe("菌棒现场照片");
    const uploadId = message.attachmentId!;

    const request = (cookie: string) =>
      new Request(`http://localhost/messages/${chat.conversation.id}/attachments/${uploadId}`, {
        headers: { cookie },
      });
    const served = (await attachmentLoader({
      request: request(await sessionCookieFor(chat.member.id)),
      context,
      params: { id: chat.conversation.id, uploadId },
    })) as Response;
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toMatch(/^private/);

    const outsider = await createExpert();
    const refused = await thrown(
      attachmentLoader({
        request: request(await sessionCookieFor(outsider.id)),
        context,
        params: { id: chat.conversation.id, uploadId },
      }),
    );
    expect(refused.status).toBe(403);
    const publicly = await thrown(
      publicUploadLoader({
        request: new Request(`http://localhost/uploads/${uploadId}`),
        context,
        params: { id: uploadId },
      }),
    );
    expect(publicly.status).toBe(404);
  });

  it("refuses an empty message and a file that is not an image, keeping what was typed and storing nothing", async () => {
    const chat = await createApplicationChat();
    const cookie = await sessionCookieFor(chat.head.id);
    const empty = (await post(chat.conversation.id, cookie, {
      clientId: randomUUID(),
      body: "   ",
    })) as unknown as Refusal;
    expect(empty.init.status).toBe(400);
    expect(empty.data.error).toBe("请输入消息内容或选择图片");
    const notImage = (await post(
      chat.conversation.id,
      cookie,
      { clientId: randomUUID(), body: "看附件" },
      new File(["%PDF-1.4 not an image"], "plan.jpg", { type: "image/jpeg" }),
    )) as unknown as Refusal;
    expect(notImage.init.status).toBeGreaterThanOrEqual(400);
    expect(notImage.data.body).toBe("看附件");
    expect(notImage.data.error).toMatch(/图片|格式/);
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(0);
    expect(await db.upload.count({ where: { ownerId: chat.head.id } })).toBe(0);
  });

  it("stores a resubmitted form once (same client id)", async () => {
    const chat = await createApplicationChat();
    const cookie = await sessionCookieFor(chat.head.id);
    const fields = { clientId: randomUUID(), body: "明天上午十点见" };
    await post(chat.conversation.id, cookie, fields);
    await post(chat.conversation.id, cookie, fields);
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(1);
  });

  it("shows a conversation to participants only", async () => {
    const chat = await createApplicationChat();
    const outsider = await createExpert();
    const load = async (userId: string) =>
      conversationLoader({
        request: new Request(`http://localhost/messages/${chat.conversation.id}`, {
          headers: { cookie: await sessionCookieFor(userId) },
        }),
        context,
        params: { id: chat.conversation.id },
      });
    expect((await thrown(load(outsider.id))).status).toBe(403);
    const page = await load(chat.member.id);
    expect(page).toMatchObject({ conversationId: chat.conversation.id, kind: "APPLICATION", messages: [] });
  });

  it("reads the newest messages by showing them: the sender's receipt moves without JavaScript too", async () => {
    const chat = await createApplicationChat();
    await post(chat.conversation.id, await sessionCookieFor(chat.expert.id), {
      clientId: randomUUID(),
      body: "王社长好",
    });
    const receiptOf = async () =>
      db.conversationMember.findUniqueOrThrow({
        where: { conversationId_userId: { conversationId: chat.conversation.id, userId: chat.head.id } },
        select: { lastReadSeq: true },
      });
    expect((await receiptOf()).lastReadSeq).toBe(0);
    await conversationLoader({
      request: new Request(`http://localhost/messages/${chat.conversation.id}`, {
        headers: { cookie: await sessionCookieFor(chat.head.id) },
      }),
      context,
      params: { id: chat.conversation.id },
    });
    expect((await receiptOf()).lastReadSeq).toBe(1);
  });
});
