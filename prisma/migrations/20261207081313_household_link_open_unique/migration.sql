-- A household has at most one OPEN link of a kind to one target: the service checks first, and
-- this index settles two submissions that pass that check at the same moment.

-- Rows written before the index: keep the earliest open link, end the later duplicates.
UPDATE "HouseholdLink" AS later
SET "endedAt" = now()
WHERE later."endedAt" IS NULL
  AND EXISTS (
    SELECT 1 FROM "HouseholdLink" AS earlier
    WHERE earlier."householdId" = later."householdId"
      AND earlier."kind" = later."kind"
      AND earlier."endedAt" IS NULL
      AND COALESCE(earlier."programmeApplicationId", earlier."agreementId", earlier."trainingId", earlier."organisationId")
        = COALESCE(later."programmeApplicationId", later."agreementId", later."trainingId", later."organisationId")
      AND (earlier."createdAt", earlier."id") < (later."createdAt", later."id")
  );

-- Exactly one target column is set (HouseholdLink_one_target), so COALESCE names the target.
CREATE UNIQUE INDEX "HouseholdLink_open_unique" ON "HouseholdLink" (
  "householdId",
  "kind",
  (COALESCE("programmeApplicationId", "agreementId", "trainingId", "organisationId"))
) WHERE "endedAt" IS NULL;
