-- CreateTable
CREATE TABLE "OfficerGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "countyCode" TEXT,
    "previousRole" "Role" NOT NULL,
    "previousCountyCode" TEXT,
    "grantedById" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedById" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "OfficerGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyOpinion" (
    "applicationId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "recommend" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CountyOpinion_pkey" PRIMARY KEY ("applicationId")
);

-- CreateIndex
CREATE INDEX "OfficerGrant_userId_revokedAt_idx" ON "OfficerGrant"("userId", "revokedAt");

-- CreateIndex
CREATE INDEX "CountyOpinion_countyCode_idx" ON "CountyOpinion"("countyCode");

-- AddForeignKey
ALTER TABLE "OfficerGrant" ADD CONSTRAINT "OfficerGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyOpinion" ADD CONSTRAINT "CountyOpinion_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "ProgrammeApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

