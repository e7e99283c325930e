-- CreateEnum
CREATE TYPE "AudienceGroup" AS ENUM ('RETURNING_MIGRANT', 'GRADUATE', 'PROFESSIONAL_FARMER', 'MAKER', 'OTHER');

-- CreateEnum
CREATE TYPE "TraineeOutcome" AS ENUM ('STARTED_BUSINESS', 'EMPLOYED', 'FARMING', 'OTHER');

-- CreateEnum
CREATE TYPE "BrandTradeKind" AS ENUM ('LICENCE', 'TRANSFER');

-- CreateEnum
CREATE TYPE "AgencyServiceType" AS ENUM ('CREATIVE', 'TRADEMARK', 'IP');

-- CreateEnum
CREATE TYPE "AgencyEngagementStatus" AS ENUM ('INVITED', 'ACCEPTED', 'DECLINED', 'DELIVERED');

-- CreateEnum
CREATE TYPE "TownStatus" AS ENUM ('PLANNING', 'BUILDING', 'ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "TownProjectKind" AS ENUM ('DEMO_SITE', 'BRAND_PROJECT', 'PROGRAMME_APPLICATION');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BrandStage" ADD VALUE 'UPGRADING';
ALTER TYPE "BrandStage" ADD VALUE 'TRADING';

-- AlterTable
ALTER TABLE "ServiceRequest" ADD COLUMN     "audienceGroup" "AudienceGroup";

-- CreateTable
CREATE TABLE "SpaceKpiAudience" (
    "organisationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "group" "AudienceGroup" NOT NULL,
    "people" INTEGER NOT NULL,
    "reportedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceKpiAudience_pkey" PRIMARY KEY ("organisationId","year","group")
);

-- CreateTable
CREATE TABLE "TrainingBase" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "facilities" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingBase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseCourse" (
    "id" TEXT NOT NULL,
    "baseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "seats" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseTrainee" (
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "group" "AudienceGroup" NOT NULL,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "outcome" "TraineeOutcome",
    "outcomeNote" TEXT NOT NULL DEFAULT '',
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "BaseTrainee_pkey" PRIMARY KEY ("courseId","userId")
);

-- CreateTable
CREATE TABLE "BrandTrade" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "buyerOrganisationId" TEXT NOT NULL,
    "kind" "BrandTradeKind" NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "tradedOn" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BrandTrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandAgencyEngagement" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "agencyOrganisationId" TEXT NOT NULL,
    "serviceType" "AgencyServiceType" NOT NULL,
    "status" "AgencyEngagementStatus" NOT NULL DEFAULT 'INVITED',
    "brief" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "deliveryNote" TEXT,
    "deliveryUploadId" TEXT,
    "deliveredById" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BrandAgencyEngagement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CharacteristicTown" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "ecologyPlan" TEXT NOT NULL,
    "functionPlan" TEXT NOT NULL,
    "industryPlan" TEXT NOT NULL,
    "environmentPlan" TEXT NOT NULL,
    "status" "TownStatus" NOT NULL DEFAULT 'PLANNING',
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CharacteristicTown_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TownProject" (
    "id" TEXT NOT NULL,
    "townId" TEXT NOT NULL,
    "kind" "TownProjectKind" NOT NULL,
    "demoSiteId" TEXT,
    "brandProjectId" TEXT,
    "programmeApplicationId" TEXT,
    "linkedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TownProject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingBase_countyCode_idx" ON "TrainingBase"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBase_organisationId_name_key" ON "TrainingBase"("organisationId", "name");

-- CreateIndex
CREATE INDEX "BaseCourse_baseId_startsOn_idx" ON "BaseCourse"("baseId", "startsOn");

-- CreateIndex
CREATE INDEX "BaseTrainee_userId_idx" ON "BaseTrainee"("userId");

-- CreateIndex
CREATE INDEX "BrandTrade_projectId_idx" ON "BrandTrade"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "BrandTrade_projectId_buyerOrganisationId_kind_tradedOn_key" ON "BrandTrade"("projectId", "buyerOrganisationId", "kind", "tradedOn");

-- CreateIndex
CREATE INDEX "BrandAgencyEngagement_agencyOrganisationId_status_idx" ON "BrandAgencyEngagement"("agencyOrganisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BrandAgencyEngagement_projectId_agencyOrganisationId_servic_key" ON "BrandAgencyEngagement"("projectId", "agencyOrganisationId", "serviceType");

-- CreateIndex
CREATE INDEX "CharacteristicTown_status_idx" ON "CharacteristicTown"("status");

-- CreateIndex
CREATE UNIQUE INDEX "CharacteristicTown_countyCode_name_key" ON "CharacteristicTown"("countyCode", "name");

-- CreateIndex
CREATE UNIQUE INDEX "TownProject_townId_demoSiteId_key" ON "TownProject"("townId", "demoSiteId");

-- CreateIndex
CREATE UNIQUE INDEX "TownProject_townId_brandProjectId_key" ON "TownProject"("townId", "brandProjectId");

-- CreateIndex
CREATE UNIQUE INDEX "TownProject_townId_programmeApplicationId_key" ON "TownProject"("townId", "programmeApplicationId");

-- AddForeignKey
ALTER TABLE "BaseCourse" ADD CONSTRAINT "BaseCourse_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "TrainingBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BaseTrainee" ADD CONSTRAINT "BaseTrainee_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "BaseCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TownProject" ADD CONSTRAINT "TownProject_townId_fkey" FOREIGN KEY ("townId") REFERENCES "CharacteristicTown"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Invariants the application also checks.
ALTER TABLE "SpaceKpiAudience" ADD CONSTRAINT "SpaceKpiAudience_people_range" CHECK ("people" BETWEEN 0 AND 1000000);
ALTER TABLE "TrainingBase" ADD CONSTRAINT "TrainingBase_capacity_range" CHECK ("capacity" BETWEEN 1 AND 10000);
ALTER TABLE "BaseCourse" ADD CONSTRAINT "BaseCourse_seats_range" CHECK ("seats" BETWEEN 1 AND 10000);
ALTER TABLE "BaseCourse" ADD CONSTRAINT "BaseCourse_dates_order" CHECK ("endsOn" >= "startsOn");
-- An outcome is recorded only for a trainee who completed the course.
ALTER TABLE "BaseTrainee" ADD CONSTRAINT "BaseTrainee_outcome_after_completion" CHECK ("outcome" IS NULL OR "completedAt" IS NOT NULL);
ALTER TABLE "BrandTrade" ADD CONSTRAINT "BrandTrade_price_positive" CHECK ("priceFen" > 0);
-- A brand is transferred at most once.
CREATE UNIQUE INDEX "BrandTrade_one_transfer" ON "BrandTrade" ("projectId") WHERE "kind" = 'TRANSFER';
-- A delivery carries its file, an answer carries who answered.
ALTER TABLE "BrandAgencyEngagement" ADD CONSTRAINT "BrandAgencyEngagement_delivery" CHECK (
  ("status" = 'DELIVERED') = ("deliveredAt" IS NOT NULL)
  AND ("deliveredAt" IS NULL OR "deliveryUploadId" IS NOT NULL)
  AND ("status" = 'INVITED') = ("respondedAt" IS NULL)
);
-- A town project names exactly the record of its kind.
ALTER TABLE "TownProject" ADD CONSTRAINT "TownProject_one_target" CHECK (
  ("kind" = 'DEMO_SITE') = ("demoSiteId" IS NOT NULL)
  AND ("kind" = 'BRAND_PROJECT') = ("brandProjectId" IS NOT NULL)
  AND ("kind" = 'PROGRAMME_APPLICATION') = ("programmeApplicationId" IS NOT NULL)
);
-- Rows of other parts are referenced by id and go with what they reference.
ALTER TABLE "TrainingBase" ADD CONSTRAINT "TrainingBase_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE;
ALTER TABLE "BaseTrainee" ADD CONSTRAINT "BaseTrainee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE;
ALTER TABLE "BrandTrade" ADD CONSTRAINT "BrandTrade_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BrandProject"("id") ON DELETE CASCADE;
ALTER TABLE "BrandTrade" ADD CONSTRAINT "BrandTrade_buyer_fkey" FOREIGN KEY ("buyerOrganisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE;
ALTER TABLE "BrandAgencyEngagement" ADD CONSTRAINT "BrandAgencyEngagement_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BrandProject"("id") ON DELETE CASCADE;
ALTER TABLE "BrandAgencyEngagement" ADD CONSTRAINT "BrandAgencyEngagement_agency_fkey" FOREIGN KEY ("agencyOrganisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE;
ALTER TABLE "TownProject" ADD CONSTRAINT "TownProject_demoSiteId_fkey" FOREIGN KEY ("demoSiteId") REFERENCES "DemoSite"("id") ON DELETE CASCADE;
ALTER TABLE "TownProject" ADD CONSTRAINT "TownProject_brandProjectId_fkey" FOREIGN KEY ("brandProjectId") REFERENCES "BrandProject"("id") ON DELETE CASCADE;
ALTER TABLE "TownProject" ADD CONSTRAINT "TownProject_programmeApplicationId_fkey" FOREIGN KEY ("programmeApplicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE;
