-- CreateEnum
CREATE TYPE "ServiceLogKind" AS ENUM ('VISIT', 'TRAINING', 'CONSULTATION', 'DEMONSTRATION');

-- CreateEnum
CREATE TYPE "TrainingStatus" AS ENUM ('OPEN', 'CANCELLED', 'HELD');

-- CreateTable
CREATE TABLE "CommissionerCohort" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "targetCount" INTEGER NOT NULL DEFAULT 25,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionerCohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionerAssignment" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "villages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionerAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceLog" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "countyCode" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "kind" "ServiceLogKind" NOT NULL,
    "farmersReached" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Training" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "status" "TrainingStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSignup" (
    "trainingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "attended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSignup_pkey" PRIMARY KEY ("trainingId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommissionerCohort_year_key" ON "CommissionerCohort"("year");

-- CreateIndex
CREATE INDEX "CommissionerAssignment_userId_idx" ON "CommissionerAssignment"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionerAssignment_cohortId_userId_key" ON "CommissionerAssignment"("cohortId", "userId");

-- CreateIndex
CREATE INDEX "ServiceLog_assignmentId_date_idx" ON "ServiceLog"("assignmentId", "date");

-- CreateIndex
CREATE INDEX "Training_startsAt_idx" ON "Training"("startsAt");

-- AddForeignKey
ALTER TABLE "CommissionerAssignment" ADD CONSTRAINT "CommissionerAssignment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "CommissionerCohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLog" ADD CONSTRAINT "ServiceLog_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "CommissionerAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSignup" ADD CONSTRAINT "TrainingSignup_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE CASCADE ON UPDATE CASCADE;

