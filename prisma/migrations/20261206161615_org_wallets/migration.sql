-- Money follows the contract (issue 19): releases and revenue shares of an agreement whose payee
-- is an organisation were paid into the personal wallet of the person named on it. Each such
-- amount moves to the organisation's wallet as one REASSIGNMENT transfer with its two entries,
-- so every account still equals the sum of its entries and every transfer sums to zero. A
-- person can only give what their wallet still holds (some may have been withdrawn already),
-- when one person was paid for several organisations, they are served in id order.

CREATE TABLE "_OrgWalletMove" AS
WITH misdirected AS (
  SELECT a."payeeUserId" AS "userId", a."payeeOrganisationId" AS "organisationId", sum(t."amountFen") AS fen
  FROM "LedgerTransfer" t
  JOIN "Agreement" a ON a.id = t."agreementId"
  WHERE t.reason IN ('MILESTONE_RELEASE', 'DISPUTE_RELEASE', 'REVENUE_SHARE')
    AND a."payeeOrganisationId" IS NOT NULL
    AND t."toAccountId" = 'wallet:user:' || a."payeeUserId"
  GROUP BY a."payeeUserId", a."payeeOrganisationId"
), allotted AS (
  SELECT m."userId", m."organisationId",
         least(m.fen, greatest(0, w."balanceFen" - coalesce(sum(m.fen) OVER (
           PARTITION BY m."userId" ORDER BY m."organisationId"
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS fen
  FROM misdirected m
  JOIN "LedgerAccount" w ON w.id = 'wallet:user:' || m."userId"
)
SELECT 'reassign:' || "userId" || ':' || "organisationId" AS "transferId",
       'wallet:user:' || "userId" AS "fromAccountId",
       'wallet:org:' || "organisationId" AS "toAccountId",
       "userId", "organisationId", fen::integer AS "amountFen"
FROM allotted WHERE fen > 0;

INSERT INTO "LedgerAccount" (id, kind, "organisationId")
SELECT DISTINCT "toAccountId", 'WALLET'::"LedgerAccountKind", "organisationId" FROM "_OrgWalletMove"
ON CONFLICT (id) DO NOTHING;

INSERT INTO "LedgerTransfer" (id, "fromAccountId", "toAccountId", "amountFen", reason, memo, "createdAt")
SELECT "transferId", "fromAccountId", "toAccountId", "amountFen", 'REASSIGNMENT'::"LedgerReason", 'org_wallets', now()
FROM "_OrgWalletMove";

-- Entries in account-id order within each transfer, as the ledger writes them.
INSERT INTO "LedgerEntry" ("transferId", "accountId", "amountFen", "createdAt")
SELECT "transferId", account, amount, now()
FROM (
  SELECT "transferId", "toAccountId" AS account, "amountFen" AS amount FROM "_OrgWalletMove"
  UNION ALL
  SELECT "transferId", "fromAccountId", -"amountFen" FROM "_OrgWalletMove"
) entry
ORDER BY "transferId", account;

-- The ledger's triggers (prisma/rules.sql) have moved the balances already. On a database
-- without them this brings each touched balance to the sum of its entries. Rows already right
-- are not touched, so the triggers' guard never sees a balance change outside an entry.
UPDATE "LedgerAccount" a SET "balanceFen" = s.total
FROM (
  SELECT e."accountId", sum(e."amountFen") AS total FROM "LedgerEntry" e
  WHERE e."accountId" IN (SELECT "fromAccountId" FROM "_OrgWalletMove" UNION SELECT "toAccountId" FROM "_OrgWalletMove")
  GROUP BY e."accountId"
) s
WHERE a.id = s."accountId" AND a."balanceFen" <> s.total;

INSERT INTO "AuditLog" ("actorId", action, "subjectType", "subjectId", "after", "createdAt")
SELECT NULL, 'ledger.reassigned', 'LedgerTransfer', "transferId",
       jsonb_build_object('from', "fromAccountId", 'to', "toAccountId", 'amountFen', "amountFen", 'why', 'org_wallets'),
       now()
FROM "_OrgWalletMove";

DROP TABLE "_OrgWalletMove";
