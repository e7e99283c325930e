-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('AWAITING_COUNTY', 'AWAITING_BUREAU', 'AWAITING_FINANCE', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "PayeeKind" AS ENUM ('SUPPLIER', 'TEAM_MEMBER', 'OWN_ORGANISATION', 'OTHER');

-- CreateEnum
CREATE TYPE "MonitoringRule" AS ENUM ('UNBUDGETED_LINE', 'OVER_LINE', 'UNKNOWN_PAYEE', 'REPORT_OVERDUE', 'VISIT_MISMATCH');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('OPEN', 'DISMISSED', 'CONFIRMED');

-- CreateTable
CREATE TABLE "ProjectPlanVersion" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "budgetLines" JSONB NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "endsOn" TIMESTAMP(3),
    "milestones" JSONB NOT NULL DEFAULT '[]',
    "team" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "suppliers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "changeRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectPlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectChangeRequest" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "kinds" TEXT[],
    "proposed" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL,
    "requestedById" TEXT NOT NULL,
    "countySkipped" BOOLEAN NOT NULL DEFAULT false,
    "countySupports" BOOLEAN,
    "countyOpinion" TEXT,
    "countyById" TEXT,
    "countyAt" TIMESTAMP(3),
    "bureauById" TEXT,
    "bureauAt" TIMESTAMP(3),
    "bureauNote" TEXT,
    "financeById" TEXT,
    "financeAt" TIMESTAMP(3),
    "financeNote" TEXT,
    "refusalReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "progress" TEXT NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressSpending" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "payeeName" TEXT NOT NULL,
    "payeeKind" "PayeeKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,

    CONSTRAINT "ProgressSpending_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteVisit" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "visitedOn" TIMESTAMP(3) NOT NULL,
    "findings" TEXT NOT NULL,
    "matchesReport" BOOLEAN NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringFlag" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "rule" "MonitoringRule" NOT NULL,
    "evidence" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "FlagStatus" NOT NULL DEFAULT 'OPEN',
    "reportId" TEXT,
    "siteVisitId" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitoringFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectPlanVersion_changeRequestId_key" ON "ProjectPlanVersion"("changeRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectPlanVersion_applicationId_version_key" ON "ProjectPlanVersion"("applicationId", "version");

-- CreateIndex
CREATE INDEX "ProjectChangeRequest_applicationId_status_idx" ON "ProjectChangeRequest"("applicationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_applicationId_period_key" ON "ProgressReport"("applicationId", "period");

-- CreateIndex
CREATE INDEX "ProgressSpending_reportId_idx" ON "ProgressSpending"("reportId");

-- CreateIndex
CREATE INDEX "SiteVisit_applicationId_idx" ON "SiteVisit"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoringFlag_dedupeKey_key" ON "MonitoringFlag"("dedupeKey");

-- CreateIndex
CREATE INDEX "MonitoringFlag_status_countyCode_idx" ON "MonitoringFlag"("status", "countyCode");

-- CreateIndex
CREATE INDEX "MonitoringFlag_applicationId_idx" ON "MonitoringFlag"("applicationId");

-- AddForeignKey
ALTER TABLE "ProjectPlanVersion" ADD CONSTRAINT "ProjectPlanVersion_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectChangeRequest" ADD CONSTRAINT "ProjectChangeRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressSpending" ADD CONSTRAINT "ProgressSpending_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteVisit" ADD CONSTRAINT "SiteVisit_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringFlag" ADD CONSTRAINT "MonitoringFlag_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

