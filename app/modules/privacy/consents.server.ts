import { db, type Tx } from "~/db.server";
import type { ConsentPurpose } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { PRIVACY_NOTICE_VERSION, SENSITIVE_PURPOSES, type SensitivePurpose } from "./policy";

/** Records a consent to the current notice (or to one sensitive item under it), with its audit row. */
export async function recordConsent(
  client: Tx | typeof db,
  input: { userId: string; purpose: ConsentPurpose; ip?: string | null },
): Promise<void> {
  const consent = await client.privacyConsent.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      noticeVersion: PRIVACY_NOTICE_VERSION,
      ip: input.ip ?? null,
    },
    select: { id: true },
  });
  await recordAudit(client, {
    actorId: input.userId,
    action: "privacy.consent_given",
    subjectType: "PrivacyConsent",
    subjectId: consent.id,
    after: { purpose: input.purpose, noticeVersion: PRIVACY_NOTICE_VERSION },
    ip: input.ip ?? null,
  });
}

/** The consent to the privacy notice given at registration. */
export function recordNoticeConsent(
  userId: string,
  ip: string | null,
  client: Tx | typeof db = db,
): Promise<void> {
  return recordConsent(client, { userId, purpose: "NOTICE", ip });
}

/** Gives a sensitive consent unless one is already in force (a double submit records one). */
export async function grantSensitiveConsent(input: {
  userId: string;
  purpose: SensitivePurpose;
  ip?: string | null;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`consent:${input.userId}`}))`;
    if (await hasConsent(input.userId, input.purpose, tx)) return;
    await recordConsent(tx, input);
  });
}

/** Withdraws a sensitive consent: the feature asks again before it is used next time. */
export async function withdrawConsent(input: {
  userId: string;
  purpose: SensitivePurpose;
  ip?: string | null;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const inForce = await tx.privacyConsent.findMany({
      where: { userId: input.userId, purpose: input.purpose, withdrawnAt: null },
      select: { id: true },
    });
    for (const consent of inForce) {
      await tx.privacyConsent.update({
        where: { id: consent.id },
        data: { withdrawnAt: new Date() },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: input.userId,
        action: "privacy.consent_withdrawn",
        subjectType: "PrivacyConsent",
        subjectId: consent.id,
        after: { purpose: input.purpose },
        ip: input.ip ?? null,
      });
    }
  });
}

export async function hasConsent(
  userId: string,
  purpose: ConsentPurpose,
  client: Tx | typeof db = db,
): Promise<boolean> {
  const found = await client.privacyConsent.findFirst({
    where: { userId, purpose, withdrawnAt: null },
    select: { id: true },
  });
  return found !== null;
}

/** Refuses a use of sensitive information the person has not consented to (no silent collection). */
export async function assertConsent(userId: string, purpose: SensitivePurpose): Promise<void> {
  if (!(await hasConsent(userId, purpose))) throw new DomainError("privacy.consent_required");
}

/** What /account/privacy shows: the consents in force and the history. */
export async function consentOverview(userId: string) {
  const history = await db.privacyConsent.findMany({
    where: { userId },
    select: { id: true, purpose: true, noticeVersion: true, grantedAt: true, withdrawnAt: true },
    orderBy: { grantedAt: "desc" },
    take: 200,
  });
  const inForce = new Set(history.filter((row) => !row.withdrawnAt).map((row) => row.purpose));
  return {
    sensitive: SENSITIVE_PURPOSES.map((purpose) => ({ purpose, granted: inForce.has(purpose) })),
    history,
  };
}
