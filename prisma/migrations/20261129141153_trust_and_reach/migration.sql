-- CreateEnum
CREATE TYPE "ReviewReportStatus" AS ENUM ('OPEN', 'UPHELD', 'DISMISSED');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'APPLIED', 'DECLINED');

-- CreateEnum
CREATE TYPE "RevisionSide" AS ENUM ('POSTER', 'APPLICANT');

-- CreateEnum
CREATE TYPE "RevisionStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'DECLINED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('SIGNED_FORM', 'VOICE', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "TriageStatus" AS ENUM ('ASSIGNED', 'APPLIED', 'DECLINED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "povertyVillageAt" TIMESTAMP(3),
ADD COLUMN     "povertyVillageById" TEXT;

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "invitationOnly" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "authorSide" "AgreementParty" NOT NULL,
    "authorId" TEXT NOT NULL,
    "subjectUserId" TEXT,
    "subjectOrganisationId" TEXT,
    "rating" INTEGER NOT NULL,
    "scores" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "reply" TEXT,
    "repliedAt" TIMESTAMP(3),
    "repliedById" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "hiddenById" TEXT,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewReport" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ReviewReportStatus" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedInvitation" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "expertId" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationRevision" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "side" "RevisionSide" NOT NULL,
    "authorId" TEXT NOT NULL,
    "approach" TEXT NOT NULL,
    "timeline" TEXT NOT NULL,
    "arrangement" "ArrangementType" NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "RevisionStatus" NOT NULL DEFAULT 'PROPOSED',
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Informant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "villages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "appointedById" TEXT NOT NULL,
    "appointedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Informant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProxyPosting" (
    "needId" TEXT NOT NULL,
    "informantId" TEXT NOT NULL,
    "farmerName" TEXT NOT NULL,
    "farmerPhone" TEXT NOT NULL,
    "consentMethod" "ConsentMethod" NOT NULL,
    "consentNote" TEXT NOT NULL DEFAULT '',
    "consentAt" TIMESTAMP(3) NOT NULL,
    "voiceNoteUploadId" TEXT,
    "claimCodeHash" TEXT NOT NULL,
    "claimedById" TEXT,
    "claimedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProxyPosting_pkey" PRIMARY KEY ("needId")
);

-- CreateTable
CREATE TABLE "TriageAssignment" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "TriageStatus" NOT NULL DEFAULT 'ASSIGNED',
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TriageAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TriageSetting" (
    "countyCode" TEXT NOT NULL,
    "afterHours" INTEGER NOT NULL DEFAULT 48,
    "targetHours" INTEGER NOT NULL DEFAULT 72,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TriageSetting_pkey" PRIMARY KEY ("countyCode")
);

-- CreateTable
CREATE TABLE "MilestoneFunder" (
    "id" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "shareFen" INTEGER NOT NULL,
    "fundedAt" TIMESTAMP(3),
    "fundedById" TEXT,
    "transferId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MilestoneFunder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Review_subjectUserId_publishedAt_idx" ON "Review"("subjectUserId", "publishedAt");

-- CreateIndex
CREATE INDEX "Review_subjectOrganisationId_publishedAt_idx" ON "Review"("subjectOrganisationId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_agreementId_authorSide_key" ON "Review"("agreementId", "authorSide");

-- CreateIndex
CREATE INDEX "ReviewReport_status_createdAt_idx" ON "ReviewReport"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewReport_reviewId_reporterId_key" ON "ReviewReport"("reviewId", "reporterId");

-- CreateIndex
CREATE INDEX "NeedInvitation_expertId_status_idx" ON "NeedInvitation"("expertId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "NeedInvitation_needId_expertId_key" ON "NeedInvitation"("needId", "expertId");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationRevision_applicationId_number_key" ON "ApplicationRevision"("applicationId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Informant_userId_key" ON "Informant"("userId");

-- CreateIndex
CREATE INDEX "ProxyPosting_informantId_idx" ON "ProxyPosting"("informantId");

-- CreateIndex
CREATE INDEX "ProxyPosting_farmerPhone_idx" ON "ProxyPosting"("farmerPhone");

-- CreateIndex
CREATE INDEX "TriageAssignment_needId_idx" ON "TriageAssignment"("needId");

-- CreateIndex
CREATE INDEX "TriageAssignment_assigneeId_status_idx" ON "TriageAssignment"("assigneeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneFunder_milestoneId_accountId_key" ON "MilestoneFunder"("milestoneId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneFunder_milestoneId_position_key" ON "MilestoneFunder"("milestoneId", "position");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReport" ADD CONSTRAINT "ReviewReport_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedInvitation" ADD CONSTRAINT "NeedInvitation_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationRevision" ADD CONSTRAINT "ApplicationRevision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProxyPosting" ADD CONSTRAINT "ProxyPosting_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TriageAssignment" ADD CONSTRAINT "TriageAssignment_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneFunder" ADD CONSTRAINT "MilestoneFunder_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

