-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "reportIntervalMonths" INTEGER NOT NULL DEFAULT 3;

