-- CreateEnum
CREATE TYPE "CohortKind" AS ENUM ('STANDARD', 'SANQU');

-- CreateEnum
CREATE TYPE "VentureRole" AS ENUM ('LEAD', 'FOUNDED', 'JOINT');

-- DropIndex
DROP INDEX "CommissionerCohort_year_key";

-- AlterTable
ALTER TABLE "CommissionerCohort" ADD COLUMN     "kind" "CohortKind" NOT NULL DEFAULT 'STANDARD';

-- CreateTable
CREATE TABLE "CommissionerVenture" (
    "id" TEXT NOT NULL,
    "commissionerId" TEXT,
    "teamId" TEXT,
    "role" "VentureRole" NOT NULL,
    "title" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "agreementId" TEXT,
    "equityHoldingId" TEXT,
    "stakeBp" INTEGER,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3),
    "countyCode" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,

    CONSTRAINT "CommissionerVenture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionerVentureOutcome" (
    "id" TEXT NOT NULL,
    "ventureId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "revenueFen" BIGINT NOT NULL,
    "jobs" INTEGER NOT NULL,
    "householdsReached" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionerVentureOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionerLeave" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3),
    "employerName" TEXT NOT NULL,
    "employerOrganisationId" TEXT,
    "evidenceUploadId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,

    CONSTRAINT "CommissionerLeave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommissionerVenture_commissionerId_idx" ON "CommissionerVenture"("commissionerId");

-- CreateIndex
CREATE INDEX "CommissionerVenture_teamId_idx" ON "CommissionerVenture"("teamId");

-- CreateIndex
CREATE INDEX "CommissionerVenture_countyCode_idx" ON "CommissionerVenture"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionerVentureOutcome_ventureId_period_key" ON "CommissionerVentureOutcome"("ventureId", "period");

-- CreateIndex
CREATE INDEX "CommissionerLeave_userId_startDate_idx" ON "CommissionerLeave"("userId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionerCohort_year_kind_key" ON "CommissionerCohort"("year", "kind");

-- AddForeignKey
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CommissionerTeam"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_equityHoldingId_fkey" FOREIGN KEY ("equityHoldingId") REFERENCES "EquityHolding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionerVentureOutcome" ADD CONSTRAINT "CommissionerVentureOutcome_ventureId_fkey" FOREIGN KEY ("ventureId") REFERENCES "CommissionerVenture"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Invariants (issue 23: commissioners as the plan sees them)
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_one_holder"
  CHECK (("commissionerId" IS NULL) <> ("teamId" IS NULL));
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_stake_range"
  CHECK ("stakeBp" IS NULL OR ("stakeBp" >= 0 AND "stakeBp" <= 10000));
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_dates"
  CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "CommissionerVenture" ADD CONSTRAINT "CommissionerVenture_verified_pair"
  CHECK (("verifiedAt" IS NULL) = ("verifiedById" IS NULL));
-- The same holder cannot record the same venture twice (a retried form).
CREATE UNIQUE INDEX "CommissionerVenture_holder_org_role_start_key"
  ON "CommissionerVenture" (coalesce("commissionerId", "teamId"), "organisationId", "role", "startDate");
ALTER TABLE "CommissionerVentureOutcome" ADD CONSTRAINT "CommissionerVentureOutcome_non_negative"
  CHECK ("revenueFen" >= 0 AND "jobs" >= 0 AND "householdsReached" >= 0);
ALTER TABLE "CommissionerVentureOutcome" ADD CONSTRAINT "CommissionerVentureOutcome_period_format"
  CHECK ("period" ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$');
ALTER TABLE "CommissionerLeave" ADD CONSTRAINT "CommissionerLeave_dates"
  CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "CommissionerLeave" ADD CONSTRAINT "CommissionerLeave_verified_pair"
  CHECK (("verifiedAt" IS NULL) = ("verifiedById" IS NULL));
