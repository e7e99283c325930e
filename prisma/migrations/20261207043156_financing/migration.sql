-- CreateEnum
CREATE TYPE "CollateralKind" AS ENUM ('NONE', 'LAND_RIGHTS', 'EQUIPMENT', 'RECEIVABLES', 'GUARANTOR', 'PROPERTY', 'OTHER');

-- CreateEnum
CREATE TYPE "FinancingNeedStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "FinancingProduct" AS ENUM ('LOAN', 'GUARANTEE', 'EQUITY', 'MICROCREDIT', 'INSURANCE');

-- CreateEnum
CREATE TYPE "FinancingOfferStatus" AS ENUM ('OFFERED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "FinancingOutcomeKind" AS ENUM ('LOAN', 'GUARANTEE', 'EQUITY');

-- CreateEnum
CREATE TYPE "FinancingOutcomeStatus" AS ENUM ('RECORDED', 'CONFIRMED', 'REJECTED');

-- CreateTable
CREATE TABLE "FinancingNeed" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "postedById" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "use" TEXT NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "collateralKind" "CollateralKind" NOT NULL,
    "collateralText" TEXT NOT NULL DEFAULT '',
    "status" "FinancingNeedStatus" NOT NULL DEFAULT 'OPEN',
    "programmeApplicationId" TEXT,
    "agreementId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FinancingNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancingOffer" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "postedById" TEXT NOT NULL,
    "product" "FinancingProduct" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "conditions" TEXT NOT NULL DEFAULT '',
    "status" "FinancingOfferStatus" NOT NULL DEFAULT 'OFFERED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "FinancingOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancingOutcome" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "lenderOrgId" TEXT NOT NULL,
    "kind" "FinancingOutcomeKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "dealDate" DATE NOT NULL,
    "evidenceUploadId" TEXT,
    "status" "FinancingOutcomeStatus" NOT NULL DEFAULT 'RECORDED',
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "rejectReason" TEXT,

    CONSTRAINT "FinancingOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FinancingNeed_status_createdAt_idx" ON "FinancingNeed"("status", "createdAt");

-- CreateIndex
CREATE INDEX "FinancingNeed_countyCode_createdAt_idx" ON "FinancingNeed"("countyCode", "createdAt");

-- CreateIndex
CREATE INDEX "FinancingNeed_organisationId_idx" ON "FinancingNeed"("organisationId");

-- CreateIndex
CREATE INDEX "FinancingOffer_needId_status_idx" ON "FinancingOffer"("needId", "status");

-- CreateIndex
CREATE INDEX "FinancingOffer_organisationId_createdAt_idx" ON "FinancingOffer"("organisationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FinancingOutcome_needId_key" ON "FinancingOutcome"("needId");

-- CreateIndex
CREATE UNIQUE INDEX "FinancingOutcome_offerId_key" ON "FinancingOutcome"("offerId");

-- CreateIndex
CREATE INDEX "FinancingOutcome_status_dealDate_idx" ON "FinancingOutcome"("status", "dealDate");

-- AddForeignKey
ALTER TABLE "FinancingNeed" ADD CONSTRAINT "FinancingNeed_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_needId_fkey" FOREIGN KEY ("needId") REFERENCES "FinancingNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingOutcome" ADD CONSTRAINT "FinancingOutcome_needId_fkey" FOREIGN KEY ("needId") REFERENCES "FinancingNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingOutcome" ADD CONSTRAINT "FinancingOutcome_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "FinancingOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingOutcome" ADD CONSTRAINT "FinancingOutcome_lenderOrgId_fkey" FOREIGN KEY ("lenderOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Only one offer accepted per financing need: two accepts racing leave one.
CREATE UNIQUE INDEX "FinancingOffer_one_accepted" ON "FinancingOffer"("needId") WHERE "status" = 'ACCEPTED';

ALTER TABLE "FinancingNeed" ADD CONSTRAINT "FinancingNeed_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "FinancingNeed" ADD CONSTRAINT "FinancingNeed_term_range" CHECK ("termMonths" BETWEEN 1 AND 360);
ALTER TABLE "FinancingNeed" ADD CONSTRAINT "FinancingNeed_use_present" CHECK (length(btrim("use")) > 0);
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_term_range" CHECK ("termMonths" BETWEEN 1 AND 360);
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_rate_range" CHECK ("rateBp" BETWEEN 0 AND 10000);
ALTER TABLE "FinancingOffer" ADD CONSTRAINT "FinancingOffer_decided" CHECK (("status" = 'OFFERED') = ("decidedAt" IS NULL));
ALTER TABLE "FinancingOutcome" ADD CONSTRAINT "FinancingOutcome_amount_positive" CHECK ("amountFen" > 0);
-- A confirmed outcome names who confirmed it and when, and only a confirmed one does.
ALTER TABLE "FinancingOutcome" ADD CONSTRAINT "FinancingOutcome_confirmed" CHECK (
  ("status" = 'CONFIRMED') = ("confirmedAt" IS NOT NULL AND "confirmedById" IS NOT NULL)
);
