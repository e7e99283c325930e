-- AlterTable
ALTER TABLE "FormSubmission" ADD COLUMN     "fingerprint" TEXT;

