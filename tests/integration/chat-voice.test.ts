import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { MAX_AUDIO_BYTES } from "~/modules/uploads/limits";
import { action as conversationAction, loader as conversationLoader } from "~/routes/messages/messages.$id";
import { loader as attachmentLoader } from "~/routes/messages/messages.$id_.attachments.$uploadId";
import { createApplicationChat } from "../support/chat-factories";
import { createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { grantSensitiveConsent } from "~/modules/privacy/consents.server";
import { useTestDatabase } from "../support/database";

/*
 * Voice notes in chat travel like photos: a multipart post to the conversation's action, from the
 * device's outbox (which resends with the same client id after a drop) or from the plain form.
 */

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-chat-voice-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.5.0.2" };

/** A WebM recording as far as the server looks: the EBML header, then fixed filler bytes. */
function webm(bytes = 4096): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(bytes);
  data.set([0x1a, 0x45, 0xdf, 0xa3]);
  for (let i = 4; i < bytes; i++) data[i] = (i * 31 + 7) & 0xff;
  return data;
}

const recording = (data: BlobPart = webm(), name = "voice.webm", type = "audio/webm;codecs=opus") =>
  new File([data], name, { type });

function post(
  conversationId: string,
  cookie: string,
  fields: Record<string, string>,
  files: Record<string, File>,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, file);
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

type Refusal = { data: { error: string; body: string; field?: string }; init: { status: number } };

async function nothingStored(conversationId: string, ownerId: string) {
  expect(await db.message.count({ where: { conversationId } })).toBe(0);
  expect(await db.upload.count({ where: { ownerId } })).toBe(0);
}

/** A conversation whose people have agreed to voice notes (a sensitive item: asked for separately). */
async function voiceChat() {
  const chat = await createApplicationChat();
  for (const person of [chat.head, chat.member, chat.expert])
    await grantSensitiveConsent({ userId: person.id, purpose: "VOICE" });
  return chat;
}

describe("a voice note in a conversation", () => {
  it("refuses a voice note from someone who has not consented to voice notes, storing nothing", async () => {
    const chat = await createApplicationChat();
    const cookie = await sessionCookieFor(chat.expert.id);
    const refused = (await post(
      chat.conversation.id,
      cookie,
      { clientId: randomUUID(), body: "" },
      { voice: recording() },
    )) as unknown as { init: { status: number } };
    expect(refused.init.status).toBe(403);
    expect(await db.upload.count({ where: { ownerId: chat.expert.id } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: chat.conversation.id } })).toBe(0);
  });

  it("is stored once when the same client id is posted twice, and played to participants only", async () => {
    const chat = await voiceChat();
    const cookie = await sessionCookieFor(chat.expert.id);
    const fields = { clientId: randomUUID(), body: "" };
    // The outbox sends again when the answer to the first upload was lost.
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = (await post(chat.conversation.id, cookie, fields, { voice: recording() })) as Response;
      expect(response.status).toBe(303);
    }
    const messages = await db.message.findMany({
      where: { conversationId: chat.conversation.id },
      select: { clientId: true, attachment: { select: { id: true, mimeType: true, bytes: true } } },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.clientId).toBe(fields.clientId);
    expect(messages[0]!.attachment).toMatchObject({ mimeType: "audio/webm", bytes: 4096 });
    // The second copy's upload was removed again.
    expect(await db.upload.count({ where: { ownerId: chat.expert.id } })).toBe(1);
    const uploadId = messages[0]!.attachment!.id;

    const page = (await conversationLoader({
      request: new Request(`http://localhost/messages/${chat.conversation.id}`, {
        headers: { cookie: await sessionCookieFor(chat.head.id) },
      }),
      context,
      params: { id: chat.conversation.id },
    })) as { messages: { attachment: { kind: string; url: string } | null }[] };
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]!.attachment).toMatchObject({
      kind: "audio",
      url: `/messages/${chat.conversation.id}/attachments/${uploadId}`,
    });

    const served = async (userId: string) => {
      try {
        return (await attachmentLoader({
          request: new Request(`http://localhost${page.messages[0]!.attachment!.url}`, {
            headers: { cookie: await sessionCookieFor(userId) },
          }),
          context,
          params: { id: chat.conversation.id, uploadId },
        })) as Response;
      } catch (error) {
        if (error instanceof Response) return error;
        throw error;
      }
    };
    const played = await served(chat.head.id);
    expect(played.status).toBe(200);
    expect(played.headers.get("content-type")).toBe("audio/webm");
    expect(played.headers.get("cache-control")).toMatch(/^private/);
    expect(new Uint8Array(await played.arrayBuffer())).toEqual(webm());
    expect((await served((await createExpert()).id)).status).toBe(403);
  });

  it("refuses a file that is not a recording with the voice note's error, storing nothing", async () => {
    const chat = await voiceChat();
    const cookie = await sessionCookieFor(chat.head.id);
    // Named as a PDF: refused by what it says it is.
    const declared = (await post(
      chat.conversation.id,
      cookie,
      { clientId: randomUUID(), body: "听听这个" },
      { voice: new File(["%PDF-1.4 plan"], "plan.pdf", { type: "application/pdf" }) },
    )) as unknown as Refusal;
    expect(declared.init.status).toBe(400);
    expect(declared.data).toMatchObject({
      error: "只能发送录音文件（webm、ogg、m4a、mp3、wav）",
      body: "听听这个",
      field: "voice",
    });
    // Called a recording, but its bytes are not one: refused when it is stored.
    const disguised = (await post(
      chat.conversation.id,
      cookie,
      { clientId: randomUUID(), body: "听听这个" },
      { voice: recording(new TextEncoder().encode("%PDF-1.4 not a recording")) },
    )) as unknown as Refusal;
    expect(disguised.init.status).toBe(415);
    expect(disguised.data).toMatchObject({
      error: "只能发送录音文件（webm、ogg、m4a、mp3、wav）",
      field: "voice",
    });
    await nothingStored(chat.conversation.id, chat.head.id);
  });

  it("refuses a recording over the size limit with the voice note's error, storing nothing", async () => {
    const chat = await voiceChat();
    const refused = (await post(
      chat.conversation.id,
      await sessionCookieFor(chat.head.id),
      { clientId: randomUUID(), body: "" },
      { voice: recording(webm(MAX_AUDIO_BYTES + 1)) },
    )) as unknown as Refusal;
    expect(refused.init.status).toBe(413);
    expect(refused.data).toMatchObject({ error: "录音不能超过 2 MB", field: "voice" });
    await nothingStored(chat.conversation.id, chat.head.id);
  });

  it("refuses a photo and a voice note in one message, storing nothing", async () => {
    const chat = await voiceChat();
    const refused = (await post(
      chat.conversation.id,
      await sessionCookieFor(chat.head.id),
      { clientId: randomUUID(), body: "" },
      {
        image: new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], "a.jpg", { type: "image/jpeg" }),
        voice: recording(),
      },
    )) as unknown as Refusal;
    expect(refused.init.status).toBe(400);
    expect(refused.data).toMatchObject({
      error: "一条消息只能带一张图片或一段录音，请分开发送",
      field: "voice",
    });
    await nothingStored(chat.conversation.id, chat.head.id);
  });
});
