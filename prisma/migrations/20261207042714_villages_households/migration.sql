-- CreateEnum
CREATE TYPE "VillageStatus" AS ENUM ('POOR', 'LIFTED', 'NOT_POOR');

-- CreateEnum
CREATE TYPE "HouseholdStatus" AS ENUM ('POOR', 'LIFTED', 'RELAPSED');

-- CreateEnum
CREATE TYPE "SupportMeasure" AS ENUM ('INDUSTRY', 'EMPLOYMENT', 'EDUCATION', 'HEALTH', 'RELOCATION', 'ECOLOGY', 'SOCIAL_SECURITY', 'TECHNOLOGY');

-- CreateEnum
CREATE TYPE "HouseholdLinkKind" AS ENUM ('PROJECT', 'AGREEMENT', 'TRAINING', 'ENTERPRISE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrganisationType" ADD VALUE 'FINANCIAL_INSTITUTION';
ALTER TYPE "OrganisationType" ADD VALUE 'SERVICE_AGENCY';

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "villageId" TEXT;

-- CreateTable
CREATE TABLE "Village" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VillageStatusYear" (
    "villageId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "VillageStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VillageStatusYear_pkey" PRIMARY KEY ("villageId","year")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "headName" TEXT NOT NULL,
    "idLast4" TEXT,
    "size" INTEGER NOT NULL,
    "status" "HouseholdStatus" NOT NULL,
    "measures" "SupportMeasure"[] DEFAULT ARRAY[]::"SupportMeasure"[],
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdStatusChange" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "from" "HouseholdStatus",
    "to" "HouseholdStatus" NOT NULL,
    "year" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HouseholdStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdLink" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "kind" "HouseholdLinkKind" NOT NULL,
    "programmeApplicationId" TEXT,
    "agreementId" TEXT,
    "trainingId" TEXT,
    "organisationId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "HouseholdLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Village_countyCode_township_name_key" ON "Village"("countyCode", "township", "name");

-- CreateIndex
CREATE INDEX "Household_villageId_idx" ON "Household"("villageId");

-- CreateIndex
CREATE UNIQUE INDEX "Household_countyCode_code_key" ON "Household"("countyCode", "code");

-- CreateIndex
CREATE INDEX "HouseholdStatusChange_householdId_createdAt_idx" ON "HouseholdStatusChange"("householdId", "createdAt");

-- CreateIndex
CREATE INDEX "HouseholdLink_householdId_idx" ON "HouseholdLink"("householdId");

-- CreateIndex
CREATE INDEX "HouseholdLink_kind_programmeApplicationId_idx" ON "HouseholdLink"("kind", "programmeApplicationId");

-- CreateIndex
CREATE INDEX "HouseholdLink_kind_agreementId_idx" ON "HouseholdLink"("kind", "agreementId");

-- CreateIndex
CREATE INDEX "HouseholdLink_kind_trainingId_idx" ON "HouseholdLink"("kind", "trainingId");

-- CreateIndex
CREATE INDEX "HouseholdLink_kind_organisationId_idx" ON "HouseholdLink"("kind", "organisationId");

-- CreateIndex
CREATE INDEX "Organisation_villageId_idx" ON "Organisation"("villageId");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_countyCode_fkey" FOREIGN KEY ("countyCode") REFERENCES "County"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VillageStatusYear" ADD CONSTRAINT "VillageStatusYear_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdStatusChange" ADD CONSTRAINT "HouseholdStatusChange_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdLink" ADD CONSTRAINT "HouseholdLink_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdLink" ADD CONSTRAINT "HouseholdLink_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A link names exactly the record of its kind.
ALTER TABLE "HouseholdLink" ADD CONSTRAINT "HouseholdLink_one_target" CHECK (
  ("kind" = 'PROJECT') = ("programmeApplicationId" IS NOT NULL)
  AND ("kind" = 'AGREEMENT') = ("agreementId" IS NOT NULL)
  AND ("kind" = 'TRAINING') = ("trainingId" IS NOT NULL)
  AND ("kind" = 'ENTERPRISE') = ("organisationId" IS NOT NULL)
);
ALTER TABLE "Household" ADD CONSTRAINT "Household_size_positive" CHECK ("size" BETWEEN 1 AND 30);
ALTER TABLE "Household" ADD CONSTRAINT "Household_idLast4_shape" CHECK ("idLast4" IS NULL OR "idLast4" ~ '^[0-9]{3}[0-9X]$');
