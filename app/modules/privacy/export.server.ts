import { PassThrough, Readable } from "node:stream";
import { db } from "~/db.server";
import { statement, walletId } from "~/modules/ledger/ledger.server";
import { getStorage } from "~/modules/uploads/storage.server";
import { DomainError } from "~/utils/errors";
import { blockedFor, count, limiter } from "~/utils/rate-limiter.server";
import { EXPORTS_PER_HOUR } from "./policy";

const exports = () =>
  limiter({
    name: "privacy-export",
    points: EXPORTS_PER_HOUR,
    durationSeconds: 60 * 60,
    sharedWithoutRedis: true,
  });

const EXTENSIONS: Record<string, string> = {
  "image/webp": "webp",
  "image/jpeg": "jpg",
  "image/png": "png",
  "audio/webm": "webm",
  "audio/ogg": "ogg",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
};

const STATEMENT_LINES = 10_000;

/** Everything the platform holds about a person, as plain JSON documents (PIPL art. 45). */
export async function personalData(userId: string) {
  const [profile, memberships, needs, offers, applications, messages, agreements, notifications] =
    await Promise.all([
      db.user.findUniqueOrThrow({
        where: { id: userId },
        select: {
          id: true,
          displayName: true,
          phone: true,
          email: true,
          primaryRole: true,
          countyCode: true,
          locale: true,
          verifiedAt: true,
          createdAt: true,
          expertProfile: true,
        },
      }),
      db.membership.findMany({
        where: { userId },
        select: {
          role: true,
          administrator: true,
          financeGrantedAt: true,
          createdAt: true,
          organisation: { select: { id: true, name: true } },
        },
      }),
      db.need.findMany({ where: { postedById: userId }, include: { photos: true, proxy: true } }),
      db.offer.findMany({ where: { OR: [{ postedById: userId }, { expertId: userId }] } }),
      db.application.findMany({ where: { expertId: userId }, include: { revisions: true } }),
      db.message.findMany({
        where: { senderId: userId },
        select: { id: true, conversationId: true, body: true, attachmentId: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      db.agreement.findMany({
        where: {
          OR: [
            { payerUserId: userId },
            { payeeUserId: userId },
            { versions: { some: { signatures: { some: { userId } } } } },
          ],
        },
        include: {
          versions: {
            include: {
              signatures: { select: { party: true, termsHash: true, signedAt: true, userId: true } },
            },
          },
        },
      }),
      db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    ]);
  const [wallet, consents, audit, uploads] = await Promise.all([
    statement(walletId({ userId }), { limit: STATEMENT_LINES }),
    db.privacyConsent.findMany({ where: { userId }, orderBy: { grantedAt: "asc" } }),
    db.auditLog.findMany({
      where: { OR: [{ actorId: userId }, { subjectType: "User", subjectId: userId }] },
      orderBy: { createdAt: "asc" },
    }),
    db.upload.findMany({
      where: { ownerId: userId },
      select: { id: true, storageKey: true, mimeType: true, bytes: true, createdAt: true },
    }),
  ]);
  return {
    documents: {
      "profile.json": profile,
      "memberships.json": memberships,
      "needs.json": needs,
      "offers.json": offers,
      "applications.json": applications,
      "messages.json": messages,
      "agreements.json": agreements,
      "wallet.json": wallet,
      "notifications.json": notifications,
      "consents.json": consents,
      "audit.json": audit,
      "uploads.json": uploads.map(({ storageKey: _key, ...upload }) => upload),
    },
    uploads,
  };
}

function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item),
    2,
  );
}

/**
 * "Download my data": a zip of the JSON documents and the person's own photos and voice notes,
 * streamed as it is compressed (files are read from storage one at a time as the zip needs them).
 */
export async function exportPersonalData(userId: string): Promise<Readable> {
  if ((await blockedFor(exports(), userId)) > 0) throw new DomainError("privacy.export_throttled");
  await count(exports(), userId);
  const { documents, uploads } = await personalData(userId);
  // Loaded with the first export, not at start (docs/decisions/043).
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  for (const [name, value] of Object.entries(documents)) zip.file(name, toJson(value));
  const storage = getStorage();
  for (const upload of uploads) {
    const stored = await storage.get(upload.storageKey);
    if (!stored) continue;
    const extension = EXTENSIONS[upload.mimeType] ?? "bin";
    zip.file(`files/${upload.id}.${extension}`, Readable.fromWeb(stored.stream as never));
  }
  // JSZip hands back an old-style stream; a PassThrough makes it a current Node stream.
  const out = new PassThrough();
  zip
    .generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" })
    .on("error", (error: Error) => out.destroy(error))
    .pipe(out);
  return out;
}
