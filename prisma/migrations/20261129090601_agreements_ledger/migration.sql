-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('DRAFT', 'PROPOSED', 'SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "AgreementVersionStatus" AS ENUM ('DRAFT', 'PROPOSED', 'SIGNED', 'SUPERSEDED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "AgreementParty" AS ENUM ('PAYER', 'PAYEE');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('PLANNED', 'FUNDED', 'SUBMITTED', 'REJECTED', 'RELEASED', 'DISPUTED', 'RESOLVED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "RevenueReportStatus" AS ENUM ('REPORTED', 'SETTLED');

-- CreateEnum
CREATE TYPE "EquityStatus" AS ENUM ('ACTIVE', 'SUPERSEDED', 'ENDED');

-- CreateEnum
CREATE TYPE "LedgerAccountKind" AS ENUM ('WALLET', 'ESCROW', 'PROGRAMME', 'CLEARING', 'WITHDRAWAL');

-- CreateEnum
CREATE TYPE "LedgerReason" AS ENUM ('DEPOSIT', 'WITHDRAWAL_HOLD', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RETURNED', 'MILESTONE_FUND', 'MILESTONE_RELEASE', 'MILESTONE_REFUND', 'DISPUTE_RELEASE', 'DISPUTE_REFUND', 'REVENUE_SHARE', 'PROGRAMME_BUDGET', 'DISBURSEMENT', 'CLAWBACK');

-- CreateEnum
CREATE TYPE "WithdrawalStatus" AS ENUM ('REQUESTED', 'PAID', 'REJECTED');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "agreementId" TEXT;

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'DRAFT',
    "applicationId" TEXT,
    "offerId" TEXT,
    "needId" TEXT,
    "payerOrganisationId" TEXT,
    "payerUserId" TEXT NOT NULL,
    "payeeUserId" TEXT NOT NULL,
    "payeeOrganisationId" TEXT,
    "reviewWindowDays" INTEGER NOT NULL DEFAULT 14,
    "createdById" TEXT NOT NULL,
    "activatedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),
    "terminationReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementVersion" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "terms" JSONB NOT NULL,
    "termsHash" TEXT NOT NULL,
    "status" "AgreementVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3),
    "signedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "party" "AgreementParty" NOT NULL,
    "termsHash" TEXT NOT NULL,
    "ip" TEXT,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "deliverables" TEXT NOT NULL,
    "acceptanceCriteria" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "dueDate" TIMESTAMP(3),
    "status" "MilestoneStatus" NOT NULL DEFAULT 'PLANNED',
    "fundedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "reviewDueAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "autoReleased" BOOLEAN NOT NULL DEFAULT false,
    "rejectionReason" TEXT,
    "disputedAt" TIMESTAMP(3),
    "disputeReason" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolutionPayeeFen" INTEGER,
    "resolutionNote" TEXT,
    "refundedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneSubmission" (
    "id" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MilestoneSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneFile" (
    "submissionId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "MilestoneFile_pkey" PRIMARY KEY ("submissionId","uploadId")
);

-- CreateTable
CREATE TABLE "RevenueReport" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "component" INTEGER NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "baseFen" INTEGER NOT NULL,
    "shareDueFen" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "reportedById" TEXT NOT NULL,
    "status" "RevenueReportStatus" NOT NULL DEFAULT 'REPORTED',
    "settledAt" TIMESTAMP(3),
    "transferId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevenueReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevenueEvidence" (
    "reportId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,

    CONSTRAINT "RevenueEvidence_pkey" PRIMARY KEY ("reportId","uploadId")
);

-- CreateTable
CREATE TABLE "EquityHolding" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "enterpriseName" TEXT NOT NULL,
    "enterpriseOrganisationId" TEXT,
    "holderUserId" TEXT,
    "holderOrganisationId" TEXT,
    "percentBp" INTEGER NOT NULL,
    "valuationFen" BIGINT NOT NULL,
    "vestingStart" TIMESTAMP(3) NOT NULL,
    "vestingMonths" INTEGER NOT NULL,
    "cliffMonths" INTEGER NOT NULL,
    "status" "EquityStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "EquityHolding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerAccount" (
    "id" TEXT NOT NULL,
    "kind" "LedgerAccountKind" NOT NULL,
    "userId" TEXT,
    "organisationId" TEXT,
    "milestoneId" TEXT,
    "balanceFen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTransfer" (
    "id" TEXT NOT NULL,
    "fromAccountId" TEXT NOT NULL,
    "toAccountId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" "LedgerReason" NOT NULL,
    "agreementId" TEXT,
    "milestoneId" TEXT,
    "memo" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" BIGSERIAL NOT NULL,
    "transferId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "actorId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("actorId","key")
);

-- CreateTable
CREATE TABLE "OfflineDeposit" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "bankReference" TEXT NOT NULL,
    "payerName" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfflineDeposit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WithdrawalRequest" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "bankName" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "accountNumberTail" TEXT NOT NULL,
    "status" "WithdrawalStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "bankReference" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WithdrawalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_number_key" ON "Agreement"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_applicationId_key" ON "Agreement"("applicationId");

-- CreateIndex
CREATE INDEX "Agreement_payerUserId_idx" ON "Agreement"("payerUserId");

-- CreateIndex
CREATE INDEX "Agreement_payeeUserId_idx" ON "Agreement"("payeeUserId");

-- CreateIndex
CREATE INDEX "Agreement_payerOrganisationId_idx" ON "Agreement"("payerOrganisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementVersion_agreementId_version_key" ON "AgreementVersion"("agreementId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementSignature_versionId_party_key" ON "AgreementSignature"("versionId", "party");

-- CreateIndex
CREATE INDEX "Milestone_status_reviewDueAt_idx" ON "Milestone"("status", "reviewDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_agreementId_position_key" ON "Milestone"("agreementId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RevenueReport_agreementId_component_periodStart_key" ON "RevenueReport"("agreementId", "component", "periodStart");

-- CreateIndex
CREATE INDEX "EquityHolding_enterpriseName_idx" ON "EquityHolding"("enterpriseName");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerAccount_milestoneId_key" ON "LedgerAccount"("milestoneId");

-- CreateIndex
CREATE INDEX "LedgerAccount_userId_idx" ON "LedgerAccount"("userId");

-- CreateIndex
CREATE INDEX "LedgerAccount_organisationId_idx" ON "LedgerAccount"("organisationId");

-- CreateIndex
CREATE INDEX "LedgerTransfer_milestoneId_idx" ON "LedgerTransfer"("milestoneId");

-- CreateIndex
CREATE INDEX "LedgerTransfer_agreementId_idx" ON "LedgerTransfer"("agreementId");

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_id_idx" ON "LedgerEntry"("accountId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_transferId_idx" ON "LedgerEntry"("transferId");

-- CreateIndex
CREATE UNIQUE INDEX "OfflineDeposit_bankReference_key" ON "OfflineDeposit"("bankReference");

-- CreateIndex
CREATE INDEX "WithdrawalRequest_status_idx" ON "WithdrawalRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_agreementId_key" ON "Conversation"("agreementId");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_payerOrganisationId_fkey" FOREIGN KEY ("payerOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_payerUserId_fkey" FOREIGN KEY ("payerUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_payeeUserId_fkey" FOREIGN KEY ("payeeUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_payeeOrganisationId_fkey" FOREIGN KEY ("payeeOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementVersion" ADD CONSTRAINT "AgreementVersion_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneSubmission" ADD CONSTRAINT "MilestoneSubmission_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneFile" ADD CONSTRAINT "MilestoneFile_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "MilestoneSubmission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneFile" ADD CONSTRAINT "MilestoneFile_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevenueReport" ADD CONSTRAINT "RevenueReport_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevenueEvidence" ADD CONSTRAINT "RevenueEvidence_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "RevenueReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevenueEvidence" ADD CONSTRAINT "RevenueEvidence_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquityHolding" ADD CONSTRAINT "EquityHolding_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "LedgerTransfer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LedgerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The ledger's triggers and CHECK constraints live in prisma/rules.sql (plpgsql bodies cannot
-- pass through the migration runner, which splits statements at every semicolon). The app applies
-- that file after the migrations at every start, and the test setup does the same.
INSERT INTO "LedgerAccount" (id, kind) VALUES ('platform:clearing', 'CLEARING');
