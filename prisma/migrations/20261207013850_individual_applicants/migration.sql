-- CreateEnum
CREATE TYPE "ApplicantKind" AS ENUM ('ORGANISATION', 'INDIVIDUAL', 'TEAM');

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "applicantKinds" "ApplicantKind"[] DEFAULT ARRAY['ORGANISATION']::"ApplicantKind"[];

-- AlterTable
ALTER TABLE "ProgrammeApplication" ADD COLUMN     "applicantKind" "ApplicantKind" NOT NULL DEFAULT 'ORGANISATION',
ADD COLUMN     "teamId" TEXT,
ALTER COLUMN "organisationId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "CommissionerTeam" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionerTeam_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionerTeamMember" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "CommissionerTeamMember_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateIndex
CREATE INDEX "CommissionerTeam_leadId_idx" ON "CommissionerTeam"("leadId");

-- CreateIndex
CREATE INDEX "CommissionerTeamMember_userId_idx" ON "CommissionerTeamMember"("userId");

-- AddForeignKey
ALTER TABLE "ProgrammeApplication" ADD CONSTRAINT "ProgrammeApplication_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CommissionerTeam"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionerTeamMember" ADD CONSTRAINT "CommissionerTeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "CommissionerTeam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

