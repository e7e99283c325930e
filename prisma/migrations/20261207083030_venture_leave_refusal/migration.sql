-- AlterTable
ALTER TABLE "CommissionerVenture" ADD COLUMN     "refusalReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "refusedAt" TIMESTAMP(3),
ADD COLUMN     "refusedById" TEXT;

-- AlterTable
ALTER TABLE "CommissionerLeave" ADD COLUMN     "refusalReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "refusedAt" TIMESTAMP(3),
ADD COLUMN     "refusedById" TEXT;

