-- AlterTable
ALTER TABLE "WithdrawalRequest" ADD COLUMN     "accountNumber" TEXT;

