-- CreateEnum
CREATE TYPE "ReportPeriodKind" AS ENUM ('MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "ReportReturnStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ReportReminderKind" AS ENUM ('DUE_SOON', 'OVERDUE');

-- CreateTable
CREATE TABLE "ReportReturn" (
    "id" TEXT NOT NULL,
    "periodKind" "ReportPeriodKind" NOT NULL,
    "periodKey" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" "ReportReturnStatus" NOT NULL DEFAULT 'DRAFT',
    "narrative" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "preparedById" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "snapshot" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDeadline" (
    "periodKind" "ReportPeriodKind" NOT NULL,
    "periodKey" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportDeadline_pkey" PRIMARY KEY ("periodKind","periodKey")
);

-- CreateTable
CREATE TABLE "ReportReminder" (
    "periodKind" "ReportPeriodKind" NOT NULL,
    "periodKey" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" "ReportReminderKind" NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportReminder_pkey" PRIMARY KEY ("periodKind","periodKey","countyCode","kind")
);

-- CreateIndex
CREATE INDEX "ReportReturn_scope_status_idx" ON "ReportReturn"("scope", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReportReturn_periodKind_periodKey_scope_key" ON "ReportReturn"("periodKind", "periodKey", "scope");

