-- AlterTable
ALTER TABLE "BaseCourse" ADD COLUMN     "cancelReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "cancelledById" TEXT;

