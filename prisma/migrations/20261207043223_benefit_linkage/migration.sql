-- CreateEnum
CREATE TYPE "BenefitMechanism" AS ENUM ('DIVIDEND', 'WAGE', 'LAND_RENT', 'CONTRACT_PURCHASE', 'SHARES');

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "requiresBenefitLinkage" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BenefitLinkage" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "mechanism" "BenefitMechanism" NOT NULL,
    "terms" TEXT NOT NULL,
    "agreementId" TEXT,
    "programmeApplicationId" TEXT,
    "startedOn" TIMESTAMP(3) NOT NULL,
    "endedOn" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BenefitLinkage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitPayment" (
    "id" TEXT NOT NULL,
    "linkageId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "paidOn" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "evidenceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BenefitLinkage_organisationId_createdAt_idx" ON "BenefitLinkage"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "BenefitLinkage_householdId_idx" ON "BenefitLinkage"("householdId");

-- CreateIndex
CREATE INDEX "BenefitLinkage_programmeApplicationId_idx" ON "BenefitLinkage"("programmeApplicationId");

-- CreateIndex
CREATE INDEX "BenefitPayment_paidOn_idx" ON "BenefitPayment"("paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "BenefitPayment_linkageId_periodStart_key" ON "BenefitPayment"("linkageId", "periodStart");

-- AddForeignKey
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_programmeApplicationId_fkey" FOREIGN KEY ("programmeApplicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitPayment" ADD CONSTRAINT "BenefitPayment_linkageId_fkey" FOREIGN KEY ("linkageId") REFERENCES "BenefitLinkage"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Invariants (issue 23, benefit linkage): money reaches a household only in positive amounts, over
-- a period that ends no earlier than it starts, a linkage ends no earlier than it started, terms
-- are written down.
ALTER TABLE "BenefitPayment" ADD CONSTRAINT "BenefitPayment_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "BenefitPayment" ADD CONSTRAINT "BenefitPayment_period_order" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_dates_order" CHECK ("endedOn" IS NULL OR "endedOn" >= "startedOn");
ALTER TABLE "BenefitLinkage" ADD CONSTRAINT "BenefitLinkage_terms_present" CHECK (length(btrim("terms")) > 0);
