-- CreateEnum
CREATE TYPE "PairingStatus" AS ENUM ('PROPOSED', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "PairingCommitmentKind" AS ENUM ('EXPERTS_SENT', 'TRAININGS', 'PROJECTS', 'FUNDING_FEN', 'STUDENTS');

-- CreateEnum
CREATE TYPE "PairingReportStatus" AS ENUM ('SUBMITTED', 'ACKNOWLEDGED');

-- CreateEnum
CREATE TYPE "LocalTalentStatus" AS ENUM ('TRAINED', 'SERVING');

-- CreateEnum
CREATE TYPE "LocalTalentRole" AS ENUM ('TECHNICIAN', 'INFORMANT', 'COOP_LEADER', 'ECOMMERCE');

-- CreateTable
CREATE TABLE "Pairing" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "villageId" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "status" "PairingStatus" NOT NULL DEFAULT 'PROPOSED',
    "note" TEXT NOT NULL DEFAULT '',
    "proposedById" TEXT NOT NULL,
    "agreedById" TEXT,
    "agreedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingCommitment" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "kind" "PairingCommitmentKind" NOT NULL,
    "targetPerYear" INTEGER NOT NULL,

    CONSTRAINT "PairingCommitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingReport" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "half" INTEGER NOT NULL,
    "narrative" TEXT NOT NULL,
    "photoIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "PairingReportStatus" NOT NULL DEFAULT 'SUBMITTED',
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedById" TEXT,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "PairingReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingReportFigure" (
    "reportId" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "achieved" INTEGER NOT NULL,

    CONSTRAINT "PairingReportFigure_pkey" PRIMARY KEY ("reportId","commitmentId")
);

-- CreateTable
CREATE TABLE "LocalTalent" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "villageId" TEXT,
    "userId" TEXT,
    "name" TEXT,
    "phone" TEXT,
    "skills" TEXT NOT NULL DEFAULT '',
    "status" "LocalTalentStatus" NOT NULL DEFAULT 'TRAINED',
    "role" "LocalTalentRole",
    "work" TEXT NOT NULL DEFAULT '',
    "servingSince" TIMESTAMP(3),
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalTalent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalTalentTraining" (
    "talentId" TEXT NOT NULL,
    "trainingId" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalTalentTraining_pkey" PRIMARY KEY ("talentId","trainingId")
);

-- CreateTable
CREATE TABLE "TalentCandidateDismissal" (
    "trainingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dismissedById" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TalentCandidateDismissal_pkey" PRIMARY KEY ("trainingId","userId")
);

-- CreateIndex
CREATE INDEX "Pairing_countyCode_status_idx" ON "Pairing"("countyCode", "status");

-- CreateIndex
CREATE INDEX "Pairing_organisationId_idx" ON "Pairing"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "PairingCommitment_pairingId_kind_key" ON "PairingCommitment"("pairingId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PairingReport_pairingId_year_half_key" ON "PairingReport"("pairingId", "year", "half");

-- CreateIndex
CREATE UNIQUE INDEX "LocalTalent_userId_key" ON "LocalTalent"("userId");

-- CreateIndex
CREATE INDEX "LocalTalent_countyCode_status_idx" ON "LocalTalent"("countyCode", "status");

-- CreateIndex
CREATE INDEX "LocalTalentTraining_trainingId_idx" ON "LocalTalentTraining"("trainingId");

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingCommitment" ADD CONSTRAINT "PairingCommitment_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingReport" ADD CONSTRAINT "PairingReport_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingReportFigure" ADD CONSTRAINT "PairingReportFigure_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "PairingReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingReportFigure" ADD CONSTRAINT "PairingReportFigure_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "PairingCommitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalTalent" ADD CONSTRAINT "LocalTalent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalTalent" ADD CONSTRAINT "LocalTalent_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalTalentTraining" ADD CONSTRAINT "LocalTalentTraining_talentId_fkey" FOREIGN KEY ("talentId") REFERENCES "LocalTalent"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Pairings: a university or research institute promise, dated sensibly, and one live pairing per
-- institution and county (or village), so a second tap on "propose" cannot make a second one.
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_dates_check" CHECK ("endsOn" IS NULL OR "endsOn" >= "startsOn");
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_agreed_check" CHECK ("status" = 'PROPOSED' OR ("agreedById" IS NOT NULL AND "agreedAt" IS NOT NULL));
CREATE UNIQUE INDEX "Pairing_live_unique" ON "Pairing" ("organisationId", "countyCode", COALESCE("villageId", '')) WHERE "status" <> 'ENDED';
ALTER TABLE "PairingCommitment" ADD CONSTRAINT "PairingCommitment_target_check" CHECK ("targetPerYear" > 0);
ALTER TABLE "PairingReport" ADD CONSTRAINT "PairingReport_period_check" CHECK ("half" IN (1, 2) AND "year" BETWEEN 2000 AND 2100);
ALTER TABLE "PairingReport" ADD CONSTRAINT "PairingReport_ack_check" CHECK ("status" = 'SUBMITTED' OR ("acknowledgedById" IS NOT NULL AND "acknowledgedAt" IS NOT NULL));
ALTER TABLE "PairingReportFigure" ADD CONSTRAINT "PairingReportFigure_achieved_check" CHECK ("achieved" >= 0);
-- A local talent is a person with an account, or one recorded by name, and one serving has a role.
ALTER TABLE "LocalTalent" ADD CONSTRAINT "LocalTalent_person_check" CHECK ("userId" IS NOT NULL OR ("name" IS NOT NULL AND length("name") > 0));
ALTER TABLE "LocalTalent" ADD CONSTRAINT "LocalTalent_serving_check" CHECK (("status" = 'SERVING') = ("role" IS NOT NULL AND "servingSince" IS NOT NULL));
