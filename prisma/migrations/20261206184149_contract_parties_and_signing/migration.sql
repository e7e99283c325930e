-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "signingGrantedAt" TIMESTAMP(3),
ADD COLUMN     "signingGrantedById" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "creditCode" TEXT,
ADD COLUMN     "legalRepresentative" TEXT;


-- Administrators (who registered the organisation) sign for it until they name others.
UPDATE "Membership" SET "signingGrantedAt" = COALESCE("financeGrantedAt", "createdAt")
WHERE "administrator" = true;

-- The bureau already checked the credit code and legal representative an organisation submitted
-- for verification: the latest approved request fills the new columns.
UPDATE "Organisation" o SET
  "creditCode" = v."details"->>'creditCode',
  "legalRepresentative" = v."details"->>'legalRepresentative'
FROM (
  SELECT DISTINCT ON ("organisationId") "organisationId", "details"
  FROM "VerificationRequest"
  WHERE "subject" = 'ORGANISATION' AND "status" = 'APPROVED' AND "organisationId" IS NOT NULL
  ORDER BY "organisationId", "decidedAt" DESC NULLS LAST
) v
WHERE o."id" = v."organisationId";
