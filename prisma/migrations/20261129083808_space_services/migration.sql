-- CreateEnum
CREATE TYPE "ServiceCategory" AS ENUM ('CONSULTING', 'QUALITY_TESTING', 'FINANCE', 'TRAINING_MENTORING', 'MANAGEMENT', 'LEGAL', 'ACCOUNTING', 'INCUBATION');

-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "SpaceService" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "category" "ServiceCategory" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "industries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "countiesServed" TEXT[],
    "free" BOOLEAN NOT NULL DEFAULT false,
    "priceMinFen" INTEGER,
    "priceMaxFen" INTEGER,
    "turnaroundDays" INTEGER,
    "status" "ServiceStatus" NOT NULL DEFAULT 'DRAFT',
    "postedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceService_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpaceService_status_publishedAt_idx" ON "SpaceService"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "SpaceService_organisationId_idx" ON "SpaceService"("organisationId");

-- AddForeignKey
ALTER TABLE "SpaceService" ADD CONSTRAINT "SpaceService_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceService" ADD CONSTRAINT "SpaceService_postedById_fkey" FOREIGN KEY ("postedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

