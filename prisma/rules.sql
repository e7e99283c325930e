-- Rules the database enforces itself, beyond what prisma/schema.prisma can say: the ledger of
-- DESIGN §4. Idempotent: the app applies this file after the migrations whenever its content
-- changed (server/migrate.ts keeps a hash of it), and the test setup does the same. It lives
-- here rather than in a migration because the migration runner splits SQL at every semicolon,
-- which plpgsql function bodies cannot survive.

-- A transfer moves a positive whole number of fen between two different accounts.
ALTER TABLE "LedgerTransfer" DROP CONSTRAINT IF EXISTS "LedgerTransfer_amount_positive";
ALTER TABLE "LedgerTransfer" ADD CONSTRAINT "LedgerTransfer_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "LedgerTransfer" DROP CONSTRAINT IF EXISTS "LedgerTransfer_distinct_accounts";
ALTER TABLE "LedgerTransfer" ADD CONSTRAINT "LedgerTransfer_distinct_accounts" CHECK ("fromAccountId" <> "toAccountId");
ALTER TABLE "LedgerEntry" DROP CONSTRAINT IF EXISTS "LedgerEntry_amount_nonzero";
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_amount_nonzero" CHECK ("amountFen" <> 0);
ALTER TABLE "OfflineDeposit" DROP CONSTRAINT IF EXISTS "OfflineDeposit_amount_positive";
ALTER TABLE "OfflineDeposit" ADD CONSTRAINT "OfflineDeposit_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "WithdrawalRequest" DROP CONSTRAINT IF EXISTS "WithdrawalRequest_amount_positive";
ALTER TABLE "WithdrawalRequest" ADD CONSTRAINT "WithdrawalRequest_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "Milestone" DROP CONSTRAINT IF EXISTS "Milestone_amount_positive";
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_amount_positive" CHECK ("amountFen" > 0);

-- Only the clearing account of the platform (money on its way in or out of the bank) may go below
-- zero, wallets, escrows, programmes and withdrawal holds never do.
ALTER TABLE "LedgerAccount" DROP CONSTRAINT IF EXISTS "LedgerAccount_no_overdraft";
ALTER TABLE "LedgerAccount" ADD CONSTRAINT "LedgerAccount_no_overdraft" CHECK ("kind" = 'CLEARING' OR "balanceFen" >= 0);

-- Entries and transfers are append-only: no UPDATE, DELETE or TRUNCATE ever reaches them.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger rows are append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
DROP TRIGGER IF EXISTS "LedgerEntry_append_only" ON "LedgerEntry";
CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS "LedgerEntry_no_truncate" ON "LedgerEntry";
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS "LedgerTransfer_append_only" ON "LedgerTransfer";
CREATE TRIGGER "LedgerTransfer_append_only" BEFORE UPDATE OR DELETE ON "LedgerTransfer" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
DROP TRIGGER IF EXISTS "LedgerTransfer_no_truncate" ON "LedgerTransfer";
CREATE TRIGGER "LedgerTransfer_no_truncate" BEFORE TRUNCATE ON "LedgerTransfer" FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Every entry moves its accounts balance. The UPDATE takes the account rows lock, so two
-- transfers from one wallet run one after the other and the CHECK above sees the true balance.
CREATE OR REPLACE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "LedgerAccount" SET "balanceFen" = "balanceFen" + NEW."amountFen" WHERE id = NEW."accountId";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger account % does not exist', NEW."accountId" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS "LedgerEntry_apply" ON "LedgerEntry";
CREATE TRIGGER "LedgerEntry_apply" AFTER INSERT ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

-- A balance changes only through entries (the trigger above runs one level down).
CREATE OR REPLACE FUNCTION ledger_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."balanceFen" IS DISTINCT FROM OLD."balanceFen" AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'a ledger balance changes only through ledger entries' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind THEN
    RAISE EXCEPTION 'a ledger account keeps its id and kind' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS "LedgerAccount_guard_balance" ON "LedgerAccount";
CREATE TRIGGER "LedgerAccount_guard_balance" BEFORE UPDATE ON "LedgerAccount" FOR EACH ROW EXECUTE FUNCTION ledger_guard_balance();
DROP TRIGGER IF EXISTS "LedgerAccount_no_delete" ON "LedgerAccount";
CREATE TRIGGER "LedgerAccount_no_delete" BEFORE DELETE ON "LedgerAccount" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- At commit, each transfer has exactly two entries: its amount out of one account and into the other one.
CREATE OR REPLACE FUNCTION ledger_check_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t "LedgerTransfer"%ROWTYPE;
  debit integer;
  credit integer;
  n integer;
BEGIN
  SELECT * INTO t FROM "LedgerTransfer" WHERE id = NEW."transferId";
  SELECT count(*),
         coalesce(sum(CASE WHEN "accountId" = t."fromAccountId" THEN "amountFen" END), 0),
         coalesce(sum(CASE WHEN "accountId" = t."toAccountId" THEN "amountFen" END), 0)
    INTO n, debit, credit
    FROM "LedgerEntry" WHERE "transferId" = NEW."transferId";
  IF n <> 2 OR debit <> -t."amountFen" OR credit <> t."amountFen" THEN
    RAISE EXCEPTION 'transfer % is not balanced', NEW."transferId" USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS "LedgerEntry_balanced" ON "LedgerEntry";
CREATE CONSTRAINT TRIGGER "LedgerEntry_balanced" AFTER INSERT ON "LedgerEntry" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_transfer();


-- Commissioners: counts are never negative, a training holds at least one person.
ALTER TABLE "ServiceLog" DROP CONSTRAINT IF EXISTS "ServiceLog_farmers_nonnegative";
ALTER TABLE "ServiceLog" ADD CONSTRAINT "ServiceLog_farmers_nonnegative" CHECK ("farmersReached" >= 0);
ALTER TABLE "Training" DROP CONSTRAINT IF EXISTS "Training_capacity_positive";
ALTER TABLE "Training" ADD CONSTRAINT "Training_capacity_positive" CHECK ("capacity" > 0);

-- Programmes: a budget is positive, an award never exceeds what was approved, scores are 0 to 100.
ALTER TABLE "Programme" DROP CONSTRAINT IF EXISTS "Programme_budget_positive";
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_budget_positive" CHECK ("budgetFen" > 0 AND ("maxAwardFen" IS NULL OR "maxAwardFen" > 0));
ALTER TABLE "ProgrammeApplication" DROP CONSTRAINT IF EXISTS "ProgrammeApplication_amounts";
ALTER TABLE "ProgrammeApplication" ADD CONSTRAINT "ProgrammeApplication_amounts" CHECK (
  "requestedFen" > 0 AND ("approvedFen" IS NULL OR "approvedFen" > 0)
  AND "disbursedFen" >= 0 AND "disbursedFen" <= coalesce("approvedFen", 0));
ALTER TABLE "ProgrammeReview" DROP CONSTRAINT IF EXISTS "ProgrammeReview_score";
ALTER TABLE "ProgrammeReview" ADD CONSTRAINT "ProgrammeReview_score" CHECK (
  ("conflict" AND "score" IS NULL) OR (NOT "conflict" AND "score" BETWEEN 0 AND 100));
ALTER TABLE "ProgrammeOutcome" DROP CONSTRAINT IF EXISTS "ProgrammeOutcome_figures";
ALTER TABLE "ProgrammeOutcome" ADD CONSTRAINT "ProgrammeOutcome_figures" CHECK (
  "farmersTrained" >= 0 AND "jobsCreated" >= 0 AND "salesFen" >= 0
  AND coalesce("areaMu", 0) >= 0 AND coalesce("herdSize", 0) >= 0 AND coalesce("yieldKg", 0) >= 0
  AND ("score" IS NULL OR "score" BETWEEN 0 AND 100));
ALTER TABLE "Sanction" DROP CONSTRAINT IF EXISTS "Sanction_amounts";
ALTER TABLE "Sanction" ADD CONSTRAINT "Sanction_amounts" CHECK (
  coalesce("amountFen", 1) > 0 AND coalesce("recoveredFen", 0) >= 0 AND coalesce("owedFen", 0) >= 0
  AND ("kind" <> 'BAN' OR ("endsAt" IS NOT NULL AND "endsAt" > "startsAt")));

-- Spaces and service requests: figures are never negative, a rating is 1 to 5.
ALTER TABLE "SpaceKpiReport" DROP CONSTRAINT IF EXISTS "SpaceKpiReport_nonnegative";
ALTER TABLE "SpaceKpiReport" ADD CONSTRAINT "SpaceKpiReport_nonnegative" CHECK (
  "incubated" >= 0 AND "mentors" >= 0 AND "trainingsHeld" >= 0 AND "peopleTrained" >= 0
  AND "jobsCreated" >= 0 AND "financingFen" >= 0);
ALTER TABLE "ServiceRequest" DROP CONSTRAINT IF EXISTS "ServiceRequest_rating";
ALTER TABLE "ServiceRequest" ADD CONSTRAINT "ServiceRequest_rating" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);

-- Trust and reach: ratings are 1 to 5, a counter-offer's price is positive, a co-funding share
-- is positive, triage times are sensible.
ALTER TABLE "Review" DROP CONSTRAINT IF EXISTS "Review_rating";
ALTER TABLE "Review" ADD CONSTRAINT "Review_rating" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "ApplicationRevision" DROP CONSTRAINT IF EXISTS "ApplicationRevision_price";
ALTER TABLE "ApplicationRevision" ADD CONSTRAINT "ApplicationRevision_price" CHECK ("priceFen" > 0);
ALTER TABLE "MilestoneFunder" DROP CONSTRAINT IF EXISTS "MilestoneFunder_share";
ALTER TABLE "MilestoneFunder" ADD CONSTRAINT "MilestoneFunder_share" CHECK ("shareFen" > 0);
ALTER TABLE "TriageSetting" DROP CONSTRAINT IF EXISTS "TriageSetting_hours";
ALTER TABLE "TriageSetting" ADD CONSTRAINT "TriageSetting_hours" CHECK ("afterHours" BETWEEN 1 AND 720 AND "targetHours" BETWEEN 1 AND 720);

-- Ledger debts: what is owed never goes below zero nor above what was first owed. A claw-back's
-- owed and recovered figures follow its debt, so every collection (by the ledger when money
-- arrives, or by the bureau's follow-up) shows on the sanction without a second writer.
ALTER TABLE "LedgerDebt" DROP CONSTRAINT IF EXISTS "LedgerDebt_amounts";
ALTER TABLE "LedgerDebt" ADD CONSTRAINT "LedgerDebt_amounts" CHECK ("amountFen" > 0 AND "owedFen" >= 0 AND "owedFen" <= "amountFen");
CREATE OR REPLACE FUNCTION ledger_debt_follow_sanction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."sanctionId" IS NOT NULL AND NEW."owedFen" <> OLD."owedFen" THEN
    UPDATE "Sanction"
       SET "owedFen" = NEW."owedFen",
           "recoveredFen" = coalesce("recoveredFen", 0) + (OLD."owedFen" - NEW."owedFen")
     WHERE id = NEW."sanctionId";
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS "LedgerDebt_follow_sanction" ON "LedgerDebt";
CREATE TRIGGER "LedgerDebt_follow_sanction" AFTER UPDATE ON "LedgerDebt" FOR EACH ROW EXECUTE FUNCTION ledger_debt_follow_sanction();

-- A submitted return is a frozen snapshot (issue 22): once its status is SUBMITTED no UPDATE or
-- DELETE reaches the row, so the numbers sent upward never change, whatever the data does later.
CREATE OR REPLACE FUNCTION report_return_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SUBMITTED' THEN
    RAISE EXCEPTION 'a submitted return is frozen (% on %)', TG_OP, OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS "ReportReturn_frozen" ON "ReportReturn";
CREATE TRIGGER "ReportReturn_frozen" BEFORE UPDATE OR DELETE ON "ReportReturn" FOR EACH ROW EXECUTE FUNCTION report_return_frozen();
