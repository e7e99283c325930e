-- AlterEnum
ALTER TYPE "LedgerReason" ADD VALUE 'REASSIGNMENT';

-- AlterEnum
ALTER TYPE "WithdrawalStatus" ADD VALUE 'SEIZED';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "administrator" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "financeGrantedAt" TIMESTAMP(3),
ADD COLUMN     "financeGrantedById" TEXT;

-- CreateTable
CREATE TABLE "LedgerDebt" (
    "id" TEXT NOT NULL,
    "debtorAccountId" TEXT NOT NULL,
    "creditorAccountId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "owedFen" INTEGER NOT NULL,
    "sanctionId" TEXT,
    "programmeApplicationId" TEXT,
    "memo" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "LedgerDebt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerDebt_sanctionId_key" ON "LedgerDebt"("sanctionId");

-- CreateIndex
CREATE INDEX "LedgerDebt_debtorAccountId_owedFen_idx" ON "LedgerDebt"("debtorAccountId", "owedFen");


-- Each organisation's first member registered it: they become its administrator and keep the
-- finance permission, so the people who handled the wallet until now still can.
UPDATE "Membership" m SET "administrator" = true, "financeGrantedAt" = now()
FROM (
  SELECT DISTINCT ON ("organisationId") "organisationId", "userId"
  FROM "Membership" ORDER BY "organisationId", "createdAt", "userId"
) first
WHERE m."organisationId" = first."organisationId" AND m."userId" = first."userId";

-- Claw-backs still owed become debts of the organisation's wallet to the programme.
INSERT INTO "LedgerAccount" (id, kind, "organisationId")
SELECT DISTINCT 'wallet:org:' || s."organisationId", 'WALLET'::"LedgerAccountKind", s."organisationId"
FROM "Sanction" s
WHERE s.kind = 'CLAWBACK' AND coalesce(s."owedFen", 0) > 0 AND s."organisationId" IS NOT NULL
ON CONFLICT (id) DO NOTHING;

INSERT INTO "LedgerDebt" (id, "debtorAccountId", "creditorAccountId", "amountFen", "owedFen", "sanctionId", "programmeApplicationId", memo, "createdAt")
SELECT 'debt:' || s.id, 'wallet:org:' || s."organisationId", 'programme:' || a."programmeId", s."owedFen", s."owedFen", s.id, s."programmeApplicationId", s.reason, s."createdAt"
FROM "Sanction" s JOIN "ProgrammeApplication" a ON a.id = s."programmeApplicationId"
WHERE s.kind = 'CLAWBACK' AND coalesce(s."owedFen", 0) > 0 AND s."organisationId" IS NOT NULL;
