import type { Logger } from "pino";
import { db } from "~/db.server";
import { deleteUpload } from "~/modules/uploads/uploads.server";
import { startPeriodicJob } from "~/utils/periodic-job.server";
import { retentionCutoff } from "./policy";

const BATCH = 500;

/** Chat voice notes past their period; a proxy posting's consent recording is not a chat note. */
async function expiredVoiceNotes(before: Date): Promise<string[]> {
  const rows = await db.upload.findMany({
    where: {
      mimeType: { startsWith: "audio/" },
      createdAt: { lt: before },
      messages: { some: { conversation: { kind: { not: "AGREEMENT" } } } },
    },
    select: { id: true },
    take: BATCH,
  });
  const kept = await db.proxyPosting.findMany({
    where: { voiceNoteUploadId: { in: rows.map((row) => row.id) } },
    select: { voiceNoteUploadId: true },
  });
  const keep = new Set(kept.map((row) => row.voiceNoteUploadId));
  return rows.map((row) => row.id).filter((id) => !keep.has(id));
}

/**
 * A deleted account's anonymised row, once its grace period is over and nothing the law keeps
 * refers to it any more (ledger accounts, agreements, signatures, needs and applications keep it).
 */
async function removableDeletedAccounts(before: Date): Promise<string[]> {
  const rows = await db.user.findMany({
    where: {
      deletedAt: { lt: before },
      agreementsAsPayer: { none: {} },
      agreementsAsPayee: { none: {} },
      agreementSignatures: { none: {} },
      needs: { none: {} },
      applications: { none: {} },
      offersPosted: { none: {} },
      messagesSent: { none: {} },
    },
    select: { id: true },
    take: BATCH,
  });
  const withAccounts = await db.ledgerAccount.findMany({
    where: { userId: { in: rows.map((row) => row.id) } },
    select: { userId: true },
  });
  const keep = new Set(withAccounts.map((row) => row.userId));
  return rows.map((row) => row.id).filter((id) => !keep.has(id));
}

/**
 * Erases what has outlived its retention period (RETENTION_DAYS in policy.ts): audit rows, login
 * and claim attempts, chat voice notes and the rows of deleted accounts. Runs in batches; a run
 * that leaves more behind is followed by the next tick.
 */
export async function enforceRetention(now = new Date()) {
  const audit = await db.auditLog.deleteMany({ where: { createdAt: { lt: retentionCutoff("audit", now) } } });
  const attempts = await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: retentionCutoff("loginAttempts", now) } },
  });
  const voiceNotes = await expiredVoiceNotes(retentionCutoff("voiceNotes", now));
  for (const id of voiceNotes) await deleteUpload(id);
  const accounts = await removableDeletedAccounts(retentionCutoff("deletedAccounts", now));
  if (accounts.length > 0) {
    await db.$transaction([
      db.accountDeletion.deleteMany({ where: { userId: { in: accounts } } }),
      db.user.deleteMany({ where: { id: { in: accounts }, deletedAt: { not: null } } }),
    ]);
  }
  return {
    auditRows: audit.count,
    loginAttempts: attempts.count,
    voiceNotes: voiceNotes.length,
    deletedAccounts: accounts.length,
  };
}

/** Runs the retention rules at start and every six hours. */
export function startPrivacyJobs(log: Logger, intervalMs = 6 * 60 * 60 * 1000): () => Promise<void> {
  return startPeriodicJob(
    () =>
      enforceRetention()
        .then((erased) => log.info(erased, "retention rules applied"))
        .catch((error: unknown) => log.error({ err: error }, "retention job failed")),
    intervalMs,
  );
}
