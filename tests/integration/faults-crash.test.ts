import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { checkLedgerInvariants } from "~/modules/ledger/ledger.server";
import type { Tx } from "~/db.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  embeddedDatabaseUrl,
  prismaFor,
  redirectedTo,
  stopLeftoverPostgres,
  WebSession,
} from "../support/fault-helpers";

/*
 * Fault 1: SIGKILL in the middle of writes. Concurrent clients post needs, record deposits (ledger
 * transfers) and send chat messages through the real forms; the server is killed without warning
 * (its embedded PostgreSQL survives as an orphan), restarted on the same data folder, and every
 * write it had acknowledged must be there, whole, with the ledger's invariants intact.
 */

let app: AppProcess | undefined;
let dataDir: string | undefined;
const clients: PrismaClient[] = [];

afterAll(async () => {
  for (const client of clients) await client.$disconnect();
  await app?.stop();
  if (dataDir) await stopLeftoverPostgres(dataDir);
});

const NEED = {
  kind: "TECHNICAL",
  description: "合作社香菇大棚夏季温度过高，出菇少，需要专家指导遮阳降温和通风改造方案。",
  industry: "PLANTING",
  countyCode: "410324",
  arrangements: "TECH_CONTRACT",
  intent: "publish",
};

describe("the server killed (SIGKILL) during concurrent writes", () => {
  it("restarts on the same data with every acknowledged write whole and the ledger balanced", async () => {
    app = await startAppProcess({ DATABASE_URL: "", SEED_DEMO_STORY: "false" });
    dataDir = app.dataDir;
    const first = prismaFor(embeddedDatabaseUrl(dataDir));
    clients.push(first);
    const head = await first.user.findFirstOrThrow({
      where: { phone: { endsWith: "13800000001" } },
      select: { id: true, memberships: { select: { organisationId: true } } },
    });
    const coopWallet = `wallet:org:${head.memberships[0].organisationId}`;

    const village = await new WebSession(app.url).login("13800000001");
    const expert = await new WebSession(app.url).login("expert@demo.xiangke.cn");
    const admin = await new WebSession(app.url).login("admin@demo.xiangke.cn");
    const farmer = await new WebSession(app.url).login("13800000002");
    const farmerId = (
      await first.user.findFirstOrThrow({
        where: { phone: { endsWith: "13800000002" } },
        select: { id: true },
      })
    ).id;
    const openResponse = await expert.post("/messages/direct", { userId: farmerId });
    const opened = redirectedTo(openResponse);
    if (!opened)
      throw new Error(
        `opening the conversation answered ${openResponse.status}: ${(await openResponse.text()).slice(0, 300)}`,
      );
    const conversationId = opened?.split("/").pop();
    expect(conversationId).toBeTruthy();

    // Acknowledged writes, by kind: what the server answered with its success redirect.
    const acked = { needs: [] as string[], deposits: [] as string[], messages: [] as string[] };
    let stop = false;
    const run = async (write: (i: number) => Promise<void>) => {
      for (let i = 0; !stop; i++) {
        try {
          await write(i);
        } catch {
          // the server died under this request: not acknowledged
        }
      }
    };
    const postNeeds = (worker: number) =>
      run(async (i) => {
        const location = redirectedTo(
          await village.post(
            "/needs/new",
            {
              ...NEED,
              organisationId: head.memberships[0].organisationId,
              title: `故障测试需求 ${worker}-${i}`,
            },
            true,
          ),
        );
        if (location?.startsWith("/needs/")) acked.needs.push(location.split("/")[2]);
      });
    const deposit = (worker: number) =>
      run(async (i) => {
        const bankReference = `CRASH${worker}X${i}X${randomUUID().slice(0, 8)}`.toUpperCase();
        const response = await admin.post("/admin/finance", {
          intent: "deposit",
          accountId: coopWallet,
          amount: "1.50",
          bankReference,
          payerName: "故障测试",
          idempotencyKey: randomUUID(),
        });
        if (redirectedTo(response) === "/admin/finance") acked.deposits.push(bankReference);
      });
    const chat = (session: WebSession) =>
      run(async () => {
        const clientId = randomUUID();
        const response = await session.post(
          `/messages/${conversationId}`,
          { clientId, body: `崩溃测试 ${clientId}` },
          true,
        );
        if (response.status === 303) acked.messages.push(clientId);
      });
    const workers = [
      postNeeds(0),
      postNeeds(1),
      deposit(0),
      deposit(1),
      deposit(2),
      chat(farmer),
      chat(expert),
    ];

    // Kill once every kind of write has been acknowledged a few times, with requests in flight.
    const deadline = Date.now() + 30_000;
    while (
      Math.min(acked.needs.length, acked.deposits.length, acked.messages.length) < 5 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await app.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    expect(Math.min(acked.needs.length, acked.deposits.length, acked.messages.length)).toBeGreaterThanOrEqual(
      5,
    );
    await first.$disconnect();

    // The orphaned PostgreSQL still holds the data folder: the restart must cope with it.
    app = await startAppProcess({ DATABASE_URL: "", SEED_DEMO_STORY: "false" }, { dataDir });
    const after = prismaFor(embeddedDatabaseUrl(dataDir));
    clients.push(after);

    expect(await checkLedgerInvariants(after as unknown as Tx)).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });

    // Every acknowledged need is there with its audit row (and, once published, its search-outbox row).
    const needs = await after.need.findMany({
      where: { title: { startsWith: "故障测试需求" } },
      select: { id: true, status: true },
    });
    const needIds = new Set(needs.map((need) => need.id));
    expect(acked.needs.filter((id) => !needIds.has(id))).toEqual([]);
    expect(needs.some((need) => need.status === "OPEN")).toBe(true);
    const audited = new Set(
      (
        await after.auditLog.findMany({
          where: { action: "need.created", subjectId: { in: [...needIds] } },
          select: { subjectId: true },
        })
      ).map((row) => row.subjectId),
    );
    const indexed = new Set(
      (
        await after.searchOutbox.findMany({
          where: { documentId: { in: [...needIds] } },
          select: { documentId: true },
        })
      ).map((row) => row.documentId),
    );
    expect(
      needs.filter((need) => !audited.has(need.id) || (need.status === "OPEN" && !indexed.has(need.id))),
    ).toEqual([]);

    // Every acknowledged deposit is there with its transfer and audit row; none half-written.
    const deposits = await after.offlineDeposit.findMany({
      where: { payerName: "故障测试" },
      select: { id: true, bankReference: true, transferId: true },
    });
    const references = new Set(deposits.map((row) => row.bankReference));
    expect(acked.deposits.filter((reference) => !references.has(reference))).toEqual([]);
    const transfers = await after.ledgerTransfer.count({
      where: { id: { in: deposits.map((row) => row.transferId!) } },
    });
    expect(transfers).toBe(deposits.length);
    const depositAudits = await after.auditLog.count({
      where: { action: "wallet.deposit_recorded", subjectId: { in: deposits.map((row) => row.id) } },
    });
    expect(depositAudits).toBe(deposits.length);
    const loose = await after.ledgerTransfer.count({
      where: {
        reason: "DEPOSIT",
        memo: { startsWith: "故障测试" },
        id: { notIn: deposits.map((row) => row.transferId!) },
      },
    });
    expect(loose).toBe(0);

    // Every acknowledged message is stored, each with its own sequence number.
    const messages = await after.message.findMany({
      where: { conversationId },
      select: { clientId: true, seq: true },
    });
    const clientIds = new Set(messages.map((message) => message.clientId));
    expect(acked.messages.filter((id) => !clientIds.has(id))).toEqual([]);
    expect(new Set(messages.map((message) => message.seq)).size).toBe(messages.length);

    // And the restarted server takes writes again.
    const again = await new WebSession(app.url).login("13800000001");
    const location = redirectedTo(
      await again.post(
        "/needs/new",
        { ...NEED, organisationId: head.memberships[0].organisationId, title: "故障测试需求 重启后" },
        true,
      ),
    );
    expect(location).toMatch(/^\/needs\//);
    expect(await after.need.count({ where: { title: "故障测试需求 重启后" } })).toBe(1);
  }, 180_000);
});
