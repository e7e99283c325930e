-- CreateEnum
CREATE TYPE "FinanceOpinion" AS ENUM ('AGREE', 'DISAGREE');

-- CreateEnum
CREATE TYPE "DisbursementProposalStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateTable
CREATE TABLE "DisbursementProposal" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "DisbursementProposalStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "refusalReason" TEXT,
    "transferId" TEXT,

    CONSTRAINT "DisbursementProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationSignOff" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "narrative" TEXT NOT NULL,
    "commended" BOOLEAN NOT NULL DEFAULT false,
    "evaluatedById" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "financeOpinion" "FinanceOpinion",
    "financeNote" TEXT,
    "financeById" TEXT,
    "financeAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DisbursementProposal_transferId_key" ON "DisbursementProposal"("transferId");

-- CreateIndex
CREATE INDEX "DisbursementProposal_status_proposedAt_idx" ON "DisbursementProposal"("status", "proposedAt");

-- CreateIndex
CREATE INDEX "DisbursementProposal_applicationId_status_idx" ON "DisbursementProposal"("applicationId", "status");

-- CreateIndex
CREATE INDEX "EvaluationSignOff_applicationId_evaluatedAt_idx" ON "EvaluationSignOff"("applicationId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "EvaluationSignOff_financeOpinion_evaluatedAt_idx" ON "EvaluationSignOff"("financeOpinion", "evaluatedAt");

-- AddForeignKey
ALTER TABLE "DisbursementProposal" ADD CONSTRAINT "DisbursementProposal_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationSignOff" ADD CONSTRAINT "EvaluationSignOff_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one evaluation waits for finance per application (Prisma cannot say partial indexes).
CREATE UNIQUE INDEX "EvaluationSignOff_one_pending" ON "EvaluationSignOff"("applicationId") WHERE "financeOpinion" IS NULL;
