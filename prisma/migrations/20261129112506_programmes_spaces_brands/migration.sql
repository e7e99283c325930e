-- CreateEnum
CREATE TYPE "ProgrammeKind" AS ENUM ('GRANT', 'POST_SUBSIDY');

-- CreateEnum
CREATE TYPE "ProgrammeStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProgrammeApplicationStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'EVALUATED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SanctionKind" AS ENUM ('SUSPENSION', 'CLAWBACK', 'BAN');

-- CreateEnum
CREATE TYPE "SpaceLevel" AS ENUM ('NATIONAL', 'PROVINCIAL', 'CITY');

-- CreateEnum
CREATE TYPE "ServiceRequestStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'COMPLETED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BrandStage" AS ENUM ('RESEARCH', 'DESIGN', 'TRADEMARK_FILING', 'LAUNCH');

-- CreateEnum
CREATE TYPE "DemoSiteType" AS ENUM ('LEISURE_AGRICULTURE', 'AGRITOURISM', 'CULTURAL_CREATIVE', 'ECO_AGRICULTURE', 'CHARACTERISTIC_TOWN', 'PICKING_GARDEN');

-- CreateEnum
CREATE TYPE "DemoSiteStatus" AS ENUM ('PLANNED', 'BUILDING', 'DESIGNATED', 'REVOKED');

-- AlterTable
ALTER TABLE "LedgerTransfer" ADD COLUMN     "programmeApplicationId" TEXT;

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "kind" "ProgrammeKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "budgetFen" INTEGER NOT NULL,
    "maxAwardFen" INTEGER,
    "eligibleCounties" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "eligibleIndustries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "eligibleOrgTypes" "OrganisationType"[] DEFAULT ARRAY[]::"OrganisationType"[],
    "reviewsRequired" INTEGER NOT NULL DEFAULT 2,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "ProgrammeStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeApplication" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "agreementId" TEXT,
    "needId" TEXT,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "requestedFen" INTEGER NOT NULL,
    "approvedFen" INTEGER,
    "disbursedFen" INTEGER NOT NULL DEFAULT 0,
    "status" "ProgrammeApplicationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "suspendedAt" TIMESTAMP(3),
    "suspensionReason" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgrammeApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeReview" (
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "conflict" BOOLEAN NOT NULL DEFAULT false,
    "score" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeReview_pkey" PRIMARY KEY ("applicationId","reviewerId")
);

-- CreateTable
CREATE TABLE "ProgrammeOutcome" (
    "applicationId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "farmersTrained" INTEGER NOT NULL,
    "incomeChangeFen" INTEGER NOT NULL,
    "areaMu" INTEGER,
    "herdSize" INTEGER,
    "yieldKg" INTEGER,
    "jobsCreated" INTEGER NOT NULL,
    "salesFen" INTEGER NOT NULL,
    "reportedById" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score" INTEGER,
    "narrative" TEXT,
    "commended" BOOLEAN NOT NULL DEFAULT false,
    "evaluatedById" TEXT,
    "evaluatedAt" TIMESTAMP(3),

    CONSTRAINT "ProgrammeOutcome_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "ProgrammeEvidence" (
    "applicationId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeEvidence_pkey" PRIMARY KEY ("applicationId","uploadId")
);

-- CreateTable
CREATE TABLE "Sanction" (
    "id" TEXT NOT NULL,
    "kind" "SanctionKind" NOT NULL,
    "programmeApplicationId" TEXT,
    "organisationId" TEXT,
    "userId" TEXT,
    "reason" TEXT NOT NULL,
    "amountFen" INTEGER,
    "recoveredFen" INTEGER,
    "owedFen" INTEGER,
    "startsAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" TIMESTAMP(3),
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,
    "liftReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sanction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceProfile" (
    "organisationId" TEXT NOT NULL,
    "level" "SpaceLevel",
    "recognisedAt" TIMESTAMP(3),
    "recognisedById" TEXT,
    "host" TEXT NOT NULL DEFAULT '',
    "areaSqm" INTEGER,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "openingHours" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceProfile_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "SpaceKpiReport" (
    "organisationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "incubated" INTEGER NOT NULL,
    "mentors" INTEGER NOT NULL,
    "trainingsHeld" INTEGER NOT NULL,
    "peopleTrained" INTEGER NOT NULL,
    "jobsCreated" INTEGER NOT NULL,
    "financingFen" INTEGER NOT NULL,
    "reportedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceKpiReport_pkey" PRIMARY KEY ("organisationId","year")
);

-- CreateTable
CREATE TABLE "ServiceRequest" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterOrganisationId" TEXT,
    "description" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "village" TEXT,
    "preferredDate" TIMESTAMP(3),
    "status" "ServiceRequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "response" TEXT,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "rating" INTEGER,
    "feedback" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandProject" (
    "id" TEXT NOT NULL,
    "needId" TEXT,
    "name" TEXT NOT NULL,
    "productName" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "story" TEXT NOT NULL DEFAULT '',
    "ownerOrganisationId" TEXT,
    "ownerUserId" TEXT NOT NULL,
    "incubatorOrganisationId" TEXT,
    "leadUserId" TEXT NOT NULL,
    "stage" "BrandStage" NOT NULL DEFAULT 'RESEARCH',
    "trademarkApplicationNo" TEXT,
    "launchedAt" TIMESTAMP(3),
    "abandonedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrandProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandStageEvent" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "stage" "BrandStage" NOT NULL,
    "note" TEXT NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BrandStageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DemoSite" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "DemoSiteType" NOT NULL,
    "countyCode" TEXT NOT NULL,
    "village" TEXT,
    "organisationId" TEXT,
    "description" TEXT NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "areaMu" INTEGER,
    "status" "DemoSiteStatus" NOT NULL DEFAULT 'PLANNED',
    "designatedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DemoSite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Programme_status_deadline_idx" ON "Programme"("status", "deadline");

-- CreateIndex
CREATE INDEX "ProgrammeApplication_programmeId_status_idx" ON "ProgrammeApplication"("programmeId", "status");

-- CreateIndex
CREATE INDEX "ProgrammeApplication_organisationId_idx" ON "ProgrammeApplication"("organisationId");

-- CreateIndex
CREATE INDEX "ProgrammeOutcome_commended_idx" ON "ProgrammeOutcome"("commended");

-- CreateIndex
CREATE INDEX "Sanction_kind_organisationId_idx" ON "Sanction"("kind", "organisationId");

-- CreateIndex
CREATE INDEX "Sanction_kind_userId_idx" ON "Sanction"("kind", "userId");

-- CreateIndex
CREATE INDEX "ServiceRequest_organisationId_status_idx" ON "ServiceRequest"("organisationId", "status");

-- CreateIndex
CREATE INDEX "ServiceRequest_requesterId_idx" ON "ServiceRequest"("requesterId");

-- CreateIndex
CREATE INDEX "ServiceRequest_serviceId_idx" ON "ServiceRequest"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "BrandProject_needId_key" ON "BrandProject"("needId");

-- CreateIndex
CREATE INDEX "BrandProject_countyCode_idx" ON "BrandProject"("countyCode");

-- CreateIndex
CREATE INDEX "BrandProject_ownerUserId_idx" ON "BrandProject"("ownerUserId");

-- CreateIndex
CREATE INDEX "BrandStageEvent_projectId_createdAt_idx" ON "BrandStageEvent"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "DemoSite_countyCode_idx" ON "DemoSite"("countyCode");

-- CreateIndex
CREATE INDEX "DemoSite_status_idx" ON "DemoSite"("status");

-- CreateIndex
CREATE INDEX "LedgerTransfer_programmeApplicationId_idx" ON "LedgerTransfer"("programmeApplicationId");

-- AddForeignKey
ALTER TABLE "ProgrammeApplication" ADD CONSTRAINT "ProgrammeApplication_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeReview" ADD CONSTRAINT "ProgrammeReview_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOutcome" ADD CONSTRAINT "ProgrammeOutcome_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeEvidence" ADD CONSTRAINT "ProgrammeEvidence_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeEvidence" ADD CONSTRAINT "ProgrammeEvidence_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sanction" ADD CONSTRAINT "Sanction_programmeApplicationId_fkey" FOREIGN KEY ("programmeApplicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrandStageEvent" ADD CONSTRAINT "BrandStageEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "BrandProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

