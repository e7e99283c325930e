import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { type CompletionReportFields } from "./programmes.schema";
import { findApplication, isApplicantSide } from "./programmes.core.server";

/**
 * 结题: the project reports its figures and evidence photos. Photos are stored before the
 * transaction (image work is slow) and removed again if the report is refused.
 */
export async function reportCompletion(
  actor: Actor,
  applicationId: string,
  fields: CompletionReportFields,
  photos: File[],
  now: Date = new Date(),
): Promise<void> {
  const before = await findApplication(db, applicationId);
  if (!isApplicantSide(actor, before)) throw new DomainError("programme.forbidden");
  const stored: string[] = [];
  try {
    for (const photo of photos) stored.push((await storeImage({ ownerId: actor.id, file: photo })).id);
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
      const application = await findApplication(tx, applicationId);
      if (application.completedAt) throw new DomainError("programme.already_reported");
      if (!["APPROVED", "DISBURSED"].includes(application.status))
        throw new DomainError("programme.not_approved");
      if (application.agreementId) {
        const agreement = await tx.agreement.findUniqueOrThrow({
          where: { id: application.agreementId },
          select: { status: true, number: true },
        });
        if (agreement.status !== "COMPLETED")
          throw new DomainError("programme.agreement_not_completed", { number: agreement.number });
      }
      const { incomeChange, sales, ...figures } = fields;
      await tx.programmeOutcome.create({
        data: {
          applicationId,
          ...figures,
          incomeChangeFen: incomeChange,
          salesFen: sales,
          reportedById: actor.id,
          reportedAt: now,
        },
        select: { applicationId: true },
      });
      if (stored.length)
        await tx.programmeEvidence.createMany({
          data: stored.map((uploadId) => ({ applicationId, uploadId })),
        });
      await tx.programmeApplication.update({
        where: { id: applicationId },
        data: { completedAt: now },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "programme.completed",
        subjectType: "ProgrammeApplication",
        subjectId: applicationId,
        after: { ...fields, evidence: stored },
      });
    });
  } catch (error) {
    await Promise.allSettled(stored.map((id) => deleteUpload(id)));
    throw error;
  }
}
