import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { needPageData } from "~/modules/applications/need-page.server";
import { checkClaimCode, claimNeed, postForFarmer, revokeInformant } from "~/modules/reach/informants.server";
import { isPrivateUpload, sniffAudioType, storeAudio } from "~/modules/uploads/uploads.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as claimAction } from "~/routes/reach/claim";
import { action as postAction } from "~/routes/reach/informant.new";
import { useTestDatabase } from "../support/database";
import { createUser, uniquePhone } from "../support/factories";
import { actorOf, meta, needFields } from "../support/needs-factories";
import { createInformant, createOpenNeed, createProxyNeed } from "../support/reach-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-reach-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.9.0.1" };
// The first bytes of a WebM (EBML) recording, then padding: enough for the type sniffer.
const webm = () =>
  new File([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new Array(200).fill(0x42)])], "voice.webm", {
    type: "audio/webm",
  });

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.9.0.1" }));
}

const form = {
  title: "板栗树流胶病怎么治",
  description: "张大娘家二十亩板栗树今年开始流胶，叶子发黄，想请专家来地里看看。",
  industry: "PLANTING",
  countyCode: "410324",
  arrangements: "PAID_SERVICE",
  urgency: "NORMAL",
  kind: "TECHNICAL",
  intent: "publish",
  farmerName: "张大娘",
  farmerPhone: "139 1234 5678",
  consentMethod: "IN_PERSON",
  consentNote: "见证人 村会计王某",
  consentConfirmed: "on",
};

function multipart(fields: Record<string, string>, voice?: File) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (voice) body.append("voiceNote", voice);
  return body;
}

async function post(userId: string, fields: Record<string, string>, voice?: File) {
  return postAction({
    request: new Request("http://localhost/informant/new", {
      method: "POST",
      body: multipart(fields, voice),
      headers: { cookie: await cookieFor(userId) },
    }),
    context,
    params: {},
  }) as unknown as Promise<{
    data: { done?: { needId: string; claimCode: string }; error?: Record<string, string[] | null> };
    init: { status: number } | null;
  }>;
}

describe("posting for a farmer", () => {
  it("publishes the need at once, records consent and shows a 6-digit claim code stored only as a hash", async () => {
    const { informant } = await createInformant();
    const result = await post(informant.id, { ...form, consentMethod: "VOICE", consentNote: "" }, webm());
    const { needId, claimCode } = result.data.done!;
    expect(claimCode).toMatch(/^\d{6}$/);
    const need = await db.need.findUniqueOrThrow({
      where: { id: needId },
      select: { status: true, postedById: true, organisationId: true, proxy: true },
    });
    expect(need).toMatchObject({ status: "OPEN", postedById: informant.id, organisationId: null });
    expect(need.proxy).toMatchObject({
      informantId: informant.id,
      farmerName: "张大娘",
      farmerPhone: "+8613912345678",
      consentMethod: "VOICE",
    });
    expect(need.proxy!.claimCodeHash).not.toContain(claimCode);
    const upload = await db.upload.findUniqueOrThrow({
      where: { id: need.proxy!.voiceNoteUploadId! },
      select: { mimeType: true },
    });
    expect(upload.mimeType).toBe("audio/webm");
    // The farmer's voice is never served by the public upload route.
    expect(await isPrivateUpload(need.proxy!.voiceNoteUploadId!)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "need.proxy_posted", subjectId: needId } })).toBe(1);
  });

  it("refuses without the consent box ticked and saves nothing", async () => {
    const { informant } = await createInformant();
    const { consentConfirmed: _c, ...unticked } = form;
    const result = await post(informant.id, unticked);
    expect(result.init?.status).toBe(400);
    expect(result.data.error?.consentConfirmed).toEqual(["reach.errors.consent_required"]);
    expect(await db.need.count({ where: { postedById: informant.id } })).toBe(0);
  });

  it("requires a voice note for spoken consent", async () => {
    const { informant } = await createInformant();
    const result = await post(informant.id, { ...form, consentMethod: "VOICE" });
    expect(result.init?.status).toBe(400);
    expect(result.data.error?.voiceNote).toEqual(["reach.errors.voice_required"]);
    await expect(
      postForFarmer(informant, {
        fields: needFields(),
        photos: [],
        farmerName: "张",
        farmerPhone: uniquePhone(),
        consentMethod: "VOICE",
        meta,
      }),
    ).rejects.toMatchObject({ code: "reach.voice_required" });
    expect(await db.need.count({ where: { postedById: informant.id } })).toBe(0);
  });

  it("refuses someone who is not a serving informant", async () => {
    const farmer = await createUser({ role: "FARMER" });
    await expect(post(farmer.id, form)).rejects.toMatchObject({ status: 403 });
    const { informant, bureau } = await createInformant();
    const row = await db.informant.findUniqueOrThrow({
      where: { userId: informant.id },
      select: { id: true },
    });
    await revokeInformant(bureau, row.id, meta);
    await expect(
      postForFarmer(informant, {
        fields: needFields(),
        photos: [],
        farmerName: "张",
        farmerPhone: uniquePhone(),
        consentMethod: "IN_PERSON",
        consentNote: "见证人",
        meta,
      }),
    ).rejects.toMatchObject({ code: "reach.not_informant" });
  });
});

describe("voice notes in the upload storage", () => {
  it("recognises recordings by their bytes", () => {
    expect(sniffAudioType(new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 0]))).toBe("audio/ogg");
    expect(sniffAudioType(new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41]))).toBe(
      "audio/mp4",
    );
    expect(sniffAudioType(new Uint8Array([0x49, 0x44, 0x33, 4, 0]))).toBe("audio/mpeg");
    expect(sniffAudioType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]))).toBe(
      "audio/wav",
    );
    expect(sniffAudioType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
  });

  it("rejects a file that is not audio, whatever it claims to be", async () => {
    const user = await createUser();
    const fake = new File([new TextEncoder().encode("<html>not a recording</html>")], "voice.webm", {
      type: "audio/webm",
    });
    await expect(storeAudio({ ownerId: user.id, file: fake })).rejects.toMatchObject({
      code: "upload.audio_unsupported",
    });
    const big = new File([new Uint8Array(2 * 1024 * 1024 + 1)], "long.webm", { type: "audio/webm" });
    await expect(storeAudio({ ownerId: user.id, file: big })).rejects.toMatchObject({
      code: "upload.audio_too_large",
    });
    expect(await db.upload.count({ where: { ownerId: user.id } })).toBe(0);
  });
});

describe("claiming a posted need", () => {
  it("moves the need to the farmer with the right code; the informant keeps the posting", async () => {
    const phone = uniquePhone();
    const { needId, claimCode, informant } = await createProxyNeed({ farmerPhone: phone });
    const farmer = await actorOf((await createUser({ role: "FARMER", phone })).id);
    expect(await claimNeed({ user: farmer, phone, code: claimCode, confirm: false, meta })).toBe(needId);
    const need = await db.need.findUniqueOrThrow({
      where: { id: needId },
      select: { postedById: true, proxy: { select: { claimedById: true, informantId: true } } },
    });
    expect(need).toEqual({
      postedById: farmer.id,
      proxy: { claimedById: farmer.id, informantId: informant.id },
    });
    // A claimed need cannot be claimed again.
    await expect(
      claimNeed({ user: farmer, phone, code: claimCode, confirm: false, meta }),
    ).rejects.toMatchObject({ code: "reach.claim_invalid" });
  });

  it("asks a user whose account number differs to confirm", async () => {
    const { claimCode, farmerPhone, needId } = await createProxyNeed();
    const other = await actorOf((await createUser({ role: "FARMER" })).id);
    await expect(
      claimNeed({ user: other, phone: farmerPhone, code: claimCode, confirm: false, meta }),
    ).rejects.toMatchObject({ code: "reach.claim_phone" });
    expect(
      (await db.need.findUniqueOrThrow({ where: { id: needId }, select: { postedById: true } })).postedById,
    ).not.toBe(other.id);
  });

  it("changes nothing on a wrong code and stops guessing after five failures", async () => {
    const { claimCode, farmerPhone, needId, informant } = await createProxyNeed();
    const wrong = claimCode === "000000" ? "000001" : "000000";
    const guessMeta = { ip: "10.9.9.9" };
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(checkClaimCode(farmerPhone, wrong, guessMeta)).rejects.toMatchObject({
        code: "reach.claim_invalid",
      });
    }
    await expect(checkClaimCode(farmerPhone, claimCode, guessMeta)).rejects.toMatchObject({
      code: "reach.claim_throttled",
    });
    const need = await db.need.findUniqueOrThrow({
      where: { id: needId },
      select: { postedById: true, proxy: { select: { claimedAt: true } } },
    });
    expect(need).toEqual({ postedById: informant.id, proxy: { claimedAt: null } });
  });

  it("registers a farmer with the number and claims in one step at /claim", async () => {
    const { claimCode, farmerPhone, needId } = await createProxyNeed();
    const body = new URLSearchParams({
      phone: farmerPhone.replace("+86", ""),
      code: claimCode,
      displayName: "张大娘",
      password: "zhang2026abc",
      confirmPassword: "zhang2026abc",
    });
    const response = (await claimAction({
      request: new Request("http://localhost/claim", { method: "POST", body }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/needs/${needId}`);
    const farmer = await db.user.findUniqueOrThrow({
      where: { phone: farmerPhone },
      select: { id: true, primaryRole: true },
    });
    expect(farmer.primaryRole).toBe("FARMER");
    expect(
      (await db.need.findUniqueOrThrow({ where: { id: needId }, select: { postedById: true } })).postedById,
    ).toBe(farmer.id);
  });

  it("answers a wrong code at /claim with a field error and creates no account", async () => {
    const { claimCode, farmerPhone } = await createProxyNeed();
    const body = new URLSearchParams({
      phone: farmerPhone,
      code: claimCode === "123456" ? "654321" : "123456",
      displayName: "张",
      password: "zhang2026abc",
      confirmPassword: "zhang2026abc",
    });
    const result = (await claimAction({
      request: new Request("http://localhost/claim", { method: "POST", body }),
      context,
      params: {},
    })) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.error.code).toEqual(["手机号或认领码不对"]);
    expect(await db.user.count({ where: { phone: farmerPhone } })).toBe(0);
  });
});

describe("the need page's reach part (read beside the need in one statement)", () => {
  it("shows the informant and farmer to all, the phone only to those who work with them", async () => {
    const { needId, informant, bureau, farmerPhone } = await createProxyNeed();
    const anonymous = await needPageData({ viewer: null, needId });
    expect(anonymous.reach).toEqual({
      poverty: false,
      proxy: {
        informantName: "信息员老李",
        farmerName: "张大娘",
        farmerPhone: null,
        canRevealPhone: false,
        claimed: false,
        voiceUrl: null,
      },
    });
    for (const viewer of [informant, bureau]) {
      const seen = await needPageData({ viewer, needId, reveal: { reveal: true, ip: "10.9.0.7" } });
      expect(seen.reach.proxy).toMatchObject({ informantName: "信息员老李", farmerPhone });
    }
  });

  it("marks a poverty village's need and has no proxy part for a need its village posted", async () => {
    const { need } = await createOpenNeed({ poverty: true });
    expect((await needPageData({ viewer: null, needId: need.id })).reach).toEqual({
      poverty: true,
      proxy: null,
    });
    const plain = await createOpenNeed();
    expect((await needPageData({ viewer: null, needId: plain.need.id })).reach).toEqual({
      poverty: false,
      proxy: null,
    });
  });
});
