import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { balanceOf, owedBy, walletId } from "~/modules/ledger/ledger.server";
import { deleteUpload } from "~/modules/uploads/uploads.server";
import { verifyPassword } from "~/modules/users/password.server";
import { checkPassword } from "~/modules/users/throttle.server";
import { DomainError } from "~/utils/errors";
import { deletedUserName } from "./policy";

/** Agreements that still bind their parties: a person in one of them cannot leave yet. */
const IN_FORCE = ["DRAFT", "PROPOSED", "SIGNED", "ACTIVE", "DISPUTED"] as const;

/** A stored password no password can match: the login of a deleted account is closed for good. */
const CLOSED_PASSWORD = "deleted";

/**
 * Uploads kept when their owner leaves: evidence in agreements and programmes (milestone files,
 * revenue and programme evidence) and the voice notes that record a farmer's consent to a proxy
 * posting. Everything else the person uploaded is deleted with the account.
 */
async function evidenceUploadIds(userId: string): Promise<Set<string>> {
  const [milestone, revenue, programme, proxy] = await Promise.all([
    db.milestoneFile.findMany({ where: { upload: { ownerId: userId } }, select: { uploadId: true } }),
    db.revenueEvidence.findMany({ where: { upload: { ownerId: userId } }, select: { uploadId: true } }),
    db.programmeEvidence.findMany({ where: { upload: { ownerId: userId } }, select: { uploadId: true } }),
    db.proxyPosting.findMany({
      where: { informantId: userId, voiceNoteUploadId: { not: null } },
      select: { voiceNoteUploadId: true },
    }),
  ]);
  return new Set([
    ...milestone.map((row) => row.uploadId),
    ...revenue.map((row) => row.uploadId),
    ...programme.map((row) => row.uploadId),
    ...proxy.map((row) => row.voiceNoteUploadId!),
  ]);
}

async function assertMayLeave(tx: Tx, userId: string): Promise<void> {
  const wallet = walletId({ userId });
  if ((await owedBy(wallet, tx)) > 0) throw new DomainError("privacy.wallet_debt");
  const pendingWithdrawals = await tx.withdrawalRequest.count({
    where: { accountId: wallet, status: "REQUESTED" },
  });
  if ((await balanceOf(wallet, tx)) !== 0 || pendingWithdrawals > 0)
    throw new DomainError("privacy.wallet_not_empty");
  const binding = await tx.agreement.findFirst({
    where: {
      status: { in: [...IN_FORCE] },
      OR: [{ payerUserId: userId }, { payeeUserId: userId }],
    },
    select: { number: true },
  });
  if (binding) throw new DomainError("privacy.agreement_in_force", { number: binding.number });
  const administered = await tx.membership.findMany({
    where: { userId, administrator: true },
    select: { organisationId: true, organisation: { select: { name: true } } },
  });
  for (const membership of administered) {
    const others = await tx.membership.count({
      where: { organisationId: membership.organisationId, administrator: true, userId: { not: userId } },
    });
    if (others === 0)
      throw new DomainError("privacy.last_administrator", { organisation: membership.organisation.name });
  }
}

/**
 * Deletes a person's account (PIPL art. 47): personal data is erased or anonymised, while what
 * the law requires to be kept stays — ledger entries (会计法: accounting records) and signed
 * contracts (民法典), in which the person's name becomes "已注销用户 #N" and the signed terms
 * and their hash are untouched. Refused while money or a binding agreement ties the person to
 * the platform, or while an organisation would be left without an administrator.
 */
export async function deleteAccount(input: {
  userId: string;
  password: string;
  ip: string;
}): Promise<number> {
  const found = await db.user.findUnique({
    where: { id: input.userId },
    select: { passwordHash: true, deletedAt: true },
  });
  if (!found || found.deletedAt) throw new DomainError("privacy.password_wrong");
  // The one password guard (login, password change, signing): progressive waits, no lock.
  const valid = await checkPassword({ accountKey: input.userId, ip: input.ip }, () =>
    verifyPassword(input.password, found.passwordHash),
  );
  if (!valid) throw new DomainError("privacy.password_wrong");
  const keep = await evidenceUploadIds(input.userId);
  const number = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
    await assertMayLeave(tx, input.userId);
    const { number } = await tx.accountDeletion.create({
      data: { userId: input.userId },
      select: { number: true },
    });
    await eraseProfile(tx, input.userId, number);
    await recordAudit(tx, {
      actorId: null,
      action: "account.deleted",
      subjectType: "User",
      subjectId: input.userId,
      after: { number },
      ip: input.ip,
    });
    return number;
  });
  const owned = await db.upload.findMany({ where: { ownerId: input.userId }, select: { id: true } });
  for (const upload of owned) if (!keep.has(upload.id)) await deleteUpload(upload.id);
  return number;
}

async function eraseProfile(tx: Tx, userId: string, number: number): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: {
      phone: null,
      email: null,
      passwordHash: CLOSED_PASSWORD,
      displayName: deletedUserName(number),
      countyCode: null,
      verifiedAt: null,
      deletedAt: new Date(),
    },
    select: { id: true },
  });
  await tx.session.deleteMany({ where: { userId } });
  await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  await tx.membership.deleteMany({ where: { userId } });
  await tx.expertProfile.deleteMany({ where: { userId } });
  await markForIndexing(tx, "experts", userId);
  await tx.notification.deleteMany({ where: { userId } });
  await tx.savedSearch.deleteMany({ where: { userId } });
  await tx.privacyConsent.deleteMany({ where: { userId } });
  await tx.informant.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  // What they wrote to others goes, except in an agreement's conversation: that is part of the
  // record of how the contract was performed, kept with it.
  await tx.message.updateMany({
    where: { senderId: userId, conversation: { kind: { not: "AGREEMENT" } } },
    data: { body: "", attachmentId: null },
  });
  const needs = await tx.need.findMany({
    where: { postedById: userId, organisationId: null, hiddenAt: null },
    select: { id: true },
  });
  await tx.need.updateMany({
    where: { id: { in: needs.map((need) => need.id) } },
    data: { hiddenAt: new Date(), hiddenReason: "account.deleted" },
  });
  await markForIndexing(
    tx,
    "needs",
    needs.map((need) => need.id),
  );
  const offers = await tx.offer.findMany({
    where: { OR: [{ expertId: userId }, { postedById: userId, organisationId: null }], hiddenAt: null },
    select: { id: true },
  });
  await tx.offer.updateMany({
    where: { id: { in: offers.map((offer) => offer.id) } },
    data: { hiddenAt: new Date(), hiddenReason: "account.deleted" },
  });
  await markForIndexing(
    tx,
    "offers",
    offers.map((offer) => offer.id),
  );
}
