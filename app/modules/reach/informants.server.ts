import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { revealContact, type RevealOptions } from "~/modules/privacy/contact-reveal.server";
import { db } from "~/db.server";
import type { ConsentMethod } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNeed, canManageNeed } from "~/modules/needs/needs.server";
import type { RequestMeta } from "~/utils/request.server";

import type { NeedFields } from "~/modules/needs/needs.schema";
import { deleteUpload, storeAudio } from "~/modules/uploads/uploads.server";
import { assertConsent } from "~/modules/privacy/consents.server";
import { can, rolesOf, type Actor } from "~/modules/users/permissions";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { DomainError } from "~/utils/errors";
import { blockedFor, count, limiter } from "~/utils/rate-limiter.server";
import { CLAIM_CODE_LENGTH } from "./reach.schema";

/** Claiming is rate-limited per address, so these calls need the caller's IP. */
type ClaimMeta = RequestMeta & { ip: string };

/*
 * Decisions (documented here because a newcomer will ask):
 * - A proxy-posted need has no organisation (organisationId = null) even when the informant is a
 *   member of a village organisation: the need is the farmer's, so until it is claimed the
 *   informant manages it as its poster, and after the claim the farmer does, with nobody else in
 *   the village organisation able to edit or accept for them.
 * - ProxyPosting.informantId holds the informant's *user* id (the same person as postedById until
 *   the farmer claims), so "is the viewer this need's informant" is one comparison.
 * - The claim code is stored as SHA-256 of "<needId>:<code>": a leaked table does not give away a
 *   code by a lookup of the million 6-digit hashes shared by every posting.
 */

export const CLAIM_FAILURES_PER_PHONE = 5;
export const CLAIM_FAILURES_PER_IP = 20;
const CLAIM_WINDOW_SECONDS = 60 * 60;
const INFORMANT_ROLES = ["VILLAGE", "FARMER"] as const;

function hashClaimCode(needId: string, code: string): string {
  return createHash("sha256").update(`${needId}:${code}`).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function assertReachManager(actor: Actor) {
  if (!can(actor, "reach.manage")) throw new DomainError("reach.forbidden");
}

/** Appoints (or re-appoints) a registered village or farmer account as the county's informant. */
export async function appointInformant(
  actor: Actor,
  input: { identifier: { kind: "phone" | "email"; value: string }; countyCode: string; villages: string[] },
  meta: RequestMeta,
) {
  assertReachManager(actor);
  const where =
    input.identifier.kind === "phone" ? { phone: input.identifier.value } : { email: input.identifier.value };
  const user = await db.user.findUnique({
    where,
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
  if (!user) throw new DomainError("reach.user_not_found");
  const roles = rolesOf({ id: user.id, primaryRole: user.primaryRole, memberships: user.memberships });
  if (!INFORMANT_ROLES.some((role) => roles.has(role))) throw new DomainError("reach.informant_role");
  return db.$transaction(async (tx) => {
    const data = {
      countyCode: input.countyCode,
      villages: input.villages,
      appointedById: actor.id,
      appointedAt: new Date(),
      revokedAt: null,
    };
    const informant = await tx.informant.upsert({
      where: { userId: user.id },
      create: { userId: user.id, ...data },
      update: data,
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "informant.appointed",
      subjectType: "Informant",
      subjectId: informant.id,
      after: { userId: user.id, countyCode: input.countyCode, villages: input.villages },
      ip: meta.ip,
    });
    return informant;
  });
}

export async function revokeInformant(actor: Actor, informantId: string, meta: RequestMeta): Promise<void> {
  assertReachManager(actor);
  await db.$transaction(async (tx) => {
    const informant = await tx.informant.findUnique({
      where: { id: informantId },
      select: { id: true, userId: true, revokedAt: true },
    });
    if (!informant) throw new DomainError("reach.not_found");
    if (informant.revokedAt) return;
    await tx.informant.update({
      where: { id: informant.id },
      data: { revokedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "informant.revoked",
      subjectType: "Informant",
      subjectId: informant.id,
      before: { userId: informant.userId },
      ip: meta.ip,
    });
  });
}

/**
 * Active informants with how many needs each has posted for farmers. Bureau staff who appoint
 * informants are entitled to their contacts: masked in the list, in full when asked (each logged).
 */
export async function listInformants(viewer: Actor, reveal: RevealOptions = {}) {
  const informants = await db.informant.findMany({
    where: { revokedAt: null },
    select: { id: true, userId: true, countyCode: true, villages: true, appointedAt: true },
    orderBy: { appointedAt: "desc" },
    take: 500,
  });
  const userIds = informants.map((informant) => informant.userId);
  const [users, counts] = await Promise.all([
    db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, displayName: true, phone: true, email: true },
    }),
    db.proxyPosting.groupBy({
      by: ["informantId"],
      where: { informantId: { in: userIds } },
      _count: { _all: true },
    }),
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const countById = new Map(counts.map((row) => [row.informantId, row._count._all]));
  return Promise.all(
    informants.map(async (informant) => {
      const { phone, email, ...user } = userById.get(informant.userId)!;
      const view = await revealContact({
        viewerId: viewer.id,
        subject: { type: "User", id: informant.userId },
        contact: { phone, email },
        entitled: true,
        reveal: reveal.reveal ?? false,
        place: "bureau.informants",
        ip: reveal.ip,
      });
      return {
        ...informant,
        user: { ...user, ...view.contact },
        contactRevealed: view.revealed,
        posted: countById.get(informant.userId) ?? 0,
      };
    }),
  );
}

export function getActiveInformant(userId: string) {
  return db.informant.findFirst({
    where: { userId, revokedAt: null },
    select: { id: true, countyCode: true, villages: true },
  });
}

/**
 * An informant posts a need for a farmer and it is published at once. The voice note and photos
 * are stored first (files cannot join a transaction) and removed if anything is refused. Returns
 * the claim code, which exists nowhere else afterwards: show it once.
 */
export async function postForFarmer(
  actor: Actor,
  input: {
    fields: NeedFields;
    photos: File[];
    voiceNote?: File;
    farmerName: string;
    farmerPhone: string;
    consentMethod: ConsentMethod;
    consentNote?: string;
    meta: RequestMeta;
  },
): Promise<{ needId: string; claimCode: string }> {
  if (!(await getActiveInformant(actor.id))) throw new DomainError("reach.not_informant");
  // The schema checks this for forms; the service is the rule for every caller.
  if (input.consentMethod === "VOICE" && !input.voiceNote) throw new DomainError("reach.voice_required");
  if (input.voiceNote) await assertConsent(actor.id, "VOICE");
  const voice = input.voiceNote ? await storeAudio({ ownerId: actor.id, file: input.voiceNote }) : null;
  const claimCode = String(randomInt(0, 10 ** CLAIM_CODE_LENGTH)).padStart(CLAIM_CODE_LENGTH, "0");
  try {
    const { id } = await createNeed({
      actor,
      fields: input.fields,
      photos: input.photos,
      publish: true,
      meta: input.meta,
      proxy: {
        onCreated: async (tx, needId) => {
          await tx.proxyPosting.create({
            data: {
              needId,
              informantId: actor.id,
              farmerName: input.farmerName,
              farmerPhone: input.farmerPhone,
              consentMethod: input.consentMethod,
              consentNote: input.consentNote ?? "",
              consentAt: new Date(),
              voiceNoteUploadId: voice?.id ?? null,
              claimCodeHash: hashClaimCode(needId, claimCode),
            },
            select: { needId: true },
          });
          // The farmer's number stays out of the audit log; the consent does not.
          await recordAudit(tx, {
            actorId: actor.id,
            action: "need.proxy_posted",
            subjectType: "Need",
            subjectId: needId,
            after: {
              farmerName: input.farmerName,
              consentMethod: input.consentMethod,
              consentNote: input.consentNote ?? "",
              voiceNote: Boolean(voice),
            },
            ip: input.meta.ip,
          });
        },
      },
    });
    return { needId: id, claimCode };
  } catch (error) {
    if (voice) await deleteUpload(voice.id).catch(() => undefined);
    throw error;
  }
}

/** The informant's own proxy postings, newest first, with their claim status. */
export function listMyProxyPostings(informantUserId: string) {
  return db.proxyPosting.findMany({
    where: { informantId: informantUserId },
    select: {
      needId: true,
      farmerName: true,
      claimedAt: true,
      createdAt: true,
      need: { select: { title: true, status: true, _count: { select: { applications: true } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

const claimFailuresByPhone = () =>
  limiter({
    name: "claim-phone",
    points: CLAIM_FAILURES_PER_PHONE,
    durationSeconds: CLAIM_WINDOW_SECONDS,
    sharedWithoutRedis: true,
  });
const claimFailuresByIp = () =>
  limiter({
    name: "claim-ip",
    points: CLAIM_FAILURES_PER_IP,
    durationSeconds: CLAIM_WINDOW_SECONDS,
    sharedWithoutRedis: true,
  });

async function assertClaimAllowed(phone: string, ip: string) {
  const wait = Math.max(
    await blockedFor(claimFailuresByPhone(), phone),
    await blockedFor(claimFailuresByIp(), ip),
  );
  if (wait > 0)
    throw new DomainError("reach.claim_throttled", { minutes: Math.max(1, Math.ceil(wait / 60_000)) });
}

/**
 * Checks a phone and claim code under a throttle (failures per phone and per address in the last
 * hour, counted by rate-limiter-flexible like the login throttle) and returns the unclaimed need
 * they open. A wrong code changes nothing but the counts; it is also kept as a LoginAttempt row
 * named "claim:<phone>", the record of who guessed.
 */
export async function checkClaimCode(phone: string, code: string, meta: ClaimMeta): Promise<string> {
  await assertClaimAllowed(phone, meta.ip);
  const postings = await db.proxyPosting.findMany({
    where: { farmerPhone: phone, claimedAt: null },
    select: { needId: true, claimCodeHash: true },
  });
  const match = postings.find((posting) =>
    sameHash(posting.claimCodeHash, hashClaimCode(posting.needId, code)),
  );
  if (!match) {
    await db.loginAttempt.create({
      data: { identifier: `claim:${phone}`, ip: meta.ip, succeeded: false },
      select: { id: true },
    });
    await Promise.all([count(claimFailuresByPhone(), phone), count(claimFailuresByIp(), meta.ip)]);
    throw new DomainError("reach.claim_invalid");
  }
  return match.needId;
}

/**
 * The farmer claims a need posted for them: it becomes theirs (postedById), the informant keeps
 * read access through the ProxyPosting. The claimant's account number must be the farmer's, or
 * they confirm that the number they typed (the one the code was given for) is theirs.
 */
export async function claimNeed(input: {
  user: Actor & { phone: string | null };
  phone: string;
  code: string;
  confirm: boolean;
  meta: ClaimMeta;
}): Promise<string> {
  const needId = await checkClaimCode(input.phone, input.code, input.meta);
  if (input.user.phone !== input.phone && !input.confirm) throw new DomainError("reach.claim_phone");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${needId} FOR UPDATE`;
    const posting = await tx.proxyPosting.findUniqueOrThrow({
      where: { needId },
      select: { claimedAt: true, informantId: true, need: { select: { postedById: true } } },
    });
    // A second claim racing this one sees the first's result and is refused like a wrong code.
    if (posting.claimedAt) throw new DomainError("reach.claim_invalid");
    await tx.proxyPosting.update({
      where: { needId },
      data: { claimedById: input.user.id, claimedAt: new Date() },
      select: { needId: true },
    });
    await tx.need.update({
      where: { id: needId },
      data: { postedById: input.user.id },
      select: { id: true },
    });
    await tx.loginAttempt.create({
      data: { identifier: `claim:${input.phone}`, ip: input.meta.ip, succeeded: true },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.user.id,
      action: "need.claimed",
      subjectType: "Need",
      subjectId: needId,
      before: { postedById: posting.need.postedById },
      after: { postedById: input.user.id },
      ip: input.meta.ip,
    });
  });
  return needId;
}

export interface ProxyPostingRow {
  informantId: string;
  informantName: string;
  farmerName: string;
  farmerPhone: string;
  claimedAt: Date | null;
  voiceNoteUploadId: string | null;
}

/**
 * What the need page shows about a proxy posting (read by `readNeedReach`): the informant, the
 * farmer, and the farmer's phone only to those who work with them (the need's managers, triage
 * staff, the informant and the expert whose application was accepted). The voice note is for
 * logged-in viewers only.
 */
export async function proxyViewFor(
  need: { id: string; organisationId: string | null; postedById: string; countyCode: string },
  posting: ProxyPostingRow | null,
  viewer: CountyActor | null,
  reveal: RevealOptions = {},
) {
  if (!posting) return null;
  const seesPhone = viewer
    ? canManageNeed(viewer, need) ||
      canInCounty(viewer, "triage.manage", need.countyCode) ||
      viewer.id === posting.informantId ||
      (await db.application.count({ where: { needId: need.id, expertId: viewer.id, status: "ACCEPTED" } })) >
        0
    : false;
  return {
    informantName: posting.informantName,
    farmerName: posting.farmerName,
    ...(seesPhone
      ? await farmerPhoneView(viewer!, need.id, posting.farmerPhone, reveal)
      : { farmerPhone: null, canRevealPhone: false }),
    claimed: Boolean(posting.claimedAt),
    voiceUrl: viewer && posting.voiceNoteUploadId ? `/needs/${need.id}/voice` : null,
  };
}

/** The farmer's phone for one who works with them: masked until they ask, and each reveal logged. */
async function farmerPhoneView(viewer: Actor, needId: string, phone: string, reveal: RevealOptions) {
  const view = await revealContact({
    viewerId: viewer.id,
    subject: { type: "ProxyPosting", id: needId },
    contact: { phone, email: null },
    entitled: true,
    reveal: reveal.reveal ?? false,
    place: "need.proxy",
    ip: reveal.ip,
  });
  return { farmerPhone: view.contact.phone, canRevealPhone: !view.revealed };
}

/** The voice note's upload id, for the serving route (which checks who may see the need). */
export async function voiceNoteOf(needId: string): Promise<string | null> {
  const posting = await db.proxyPosting.findUnique({
    where: { needId },
    select: { voiceNoteUploadId: true },
  });
  return posting?.voiceNoteUploadId ?? null;
}

/** For the site header: whether the person is a serving informant. */
export async function isActiveInformant(userId: string): Promise<boolean> {
  return (await getActiveInformant(userId)) !== null;
}
