// A burst of ledger transfers as its own process, for the crash test: opens 10 wallets, funds
// them, then moves random amounts between them until killed, printing "T <id>" after each commit.
import { randomInt } from "node:crypto";
import { db } from "~/db.server";
import { isDomainError } from "~/utils/errors";
import { CLEARING, ensureAccount, transfer } from "~/modules/ledger/ledger.server";

const run = process.argv[2] ?? "burst";
const wallets = Array.from({ length: 10 }, (_, i) => `wallet:user:${run}-${i}`);
await db.$transaction(async (tx) => {
  for (const id of wallets) await ensureAccount(tx, { id, kind: "WALLET" });
});
for (const id of wallets) {
  const { id: transferId } = await db.$transaction((tx) =>
    transfer(tx, { from: CLEARING, to: id, amountFen: 100_000, reason: "DEPOSIT" }),
  );
  process.stdout.write(`T ${transferId}\n`);
}
process.stdout.write("ready\n");
const workers = Array.from({ length: 4 }, async () => {
  for (;;) {
    const from = wallets[randomInt(wallets.length)]!;
    const to = wallets[randomInt(wallets.length)]!;
    if (from === to) continue;
    try {
      const { id } = await db.$transaction((tx) =>
        transfer(tx, { from, to, amountFen: randomInt(1, 30_000), reason: "MILESTONE_FUND" }),
      );
      process.stdout.write(`T ${id}\n`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
});
await Promise.all(workers);
