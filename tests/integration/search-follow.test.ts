import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createEmbeddedEngine } from "~/modules/indexing/embedded.server";
import {
  followerFrom,
  outboxHorizon,
  OUTBOX_RETENTION_MS,
  sweepOutbox,
  type OutboxFollower,
} from "~/modules/indexing/indexer.server";
import type { SearchEngine } from "~/modules/indexing/search.types";
import { configureIndexes, followOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import { useTestDatabase } from "../support/database";
import { publishedNeed } from "../support/needs-factories";

/*
 * Each process's embedded index follows the whole outbox (docs/decisions/042): two followers stand
 * for two app processes on one database.
 */
const database = useTestDatabase();

interface Process {
  engine: SearchEngine;
  follower: OutboxFollower;
}

async function startProcess(): Promise<Process> {
  const engine = createEmbeddedEngine();
  await configureIndexes(engine);
  const follower = followerFrom(await outboxHorizon());
  await rebuildIndexes(engine);
  return { engine, follower };
}

const found = async (process: Process, q: string) =>
  (await process.engine.search("needs", { q })).hits.map((hit) => hit.id);

async function postNeed(title: string): Promise<string> {
  return (await publishedNeed(title)).id;
}

let a: Process;
let b: Process;
beforeAll(async () => {
  a = await startProcess();
  b = await startProcess();
});

describe("every process's embedded index applies every outbox row", () => {
  it("finds a need in both processes, and leaves the rows for the sweep", async () => {
    const id = await postNeed("核桃嫁接与病虫害防治");
    const rows = await db.searchOutbox.count({ where: { documentId: id } });
    expect(rows).toBeGreaterThan(0);

    expect((await followOutbox(a.engine, a.follower)).applied).toBeGreaterThan(0);
    expect(await found(a, "核桃")).toContain(id);
    expect(await db.searchOutbox.count({ where: { documentId: id, processedAt: null } })).toBe(0);

    // Already stamped by A, the rows are still applied by B: nothing was claimed or deleted.
    expect(await found(b, "核桃")).not.toContain(id);
    expect((await followOutbox(b.engine, b.follower)).applied).toBeGreaterThan(0);
    expect(await found(b, "核桃")).toContain(id);
    expect(await db.searchOutbox.count({ where: { documentId: id } })).toBe(rows);

    // Applied once is enough: a second pass finds nothing new for either process.
    expect((await followOutbox(a.engine, a.follower)).applied).toBe(0);
  });

  it("applies a row that commits after a row with a larger id", async () => {
    const early = await postNeed("花椒修剪技术");
    await followOutbox(a.engine, a.follower);
    await followOutbox(b.engine, b.follower);

    // A slow transaction takes an outbox id first and commits last.
    const slow = new pg.Client({ connectionString: database.url() });
    await slow.connect();
    try {
      await slow.query("BEGIN");
      await slow.query(`UPDATE "Need" SET title = '花椒烘干设备采购' WHERE id = $1`, [early]);
      const inserted = await slow.query<{ id: string }>(
        `INSERT INTO "SearchOutbox" ("index", "documentId", operation) VALUES ('needs', $1, 'UPSERT') RETURNING id`,
        [early],
      );
      const slowId = BigInt(inserted.rows[0].id);

      const later = await postNeed("山楂深加工");
      const laterIds = (await db.searchOutbox.findMany({ where: { documentId: later } })).map(
        (row) => row.id,
      );
      expect(laterIds.every((id) => id > slowId)).toBe(true);

      await followOutbox(a.engine, a.follower);
      expect(await found(a, "山楂")).toContain(later);
      expect(await found(a, "烘干")).not.toContain(early);

      await slow.query("COMMIT");
      // An id-based mark would now stand past slowId and never look back.
      await followOutbox(a.engine, a.follower);
      expect(await found(a, "烘干")).toContain(early);
      await followOutbox(b.engine, b.follower);
      expect(await found(b, "烘干")).toContain(early);
      expect(await found(b, "山楂")).toContain(later);
    } finally {
      await slow.end();
    }
  });

  it("a process started later is complete from its rebuild and the rows after it", async () => {
    const before = await postNeed("连翘育苗");
    const c = await startProcess();
    const after = await postNeed("连翘采收");
    await followOutbox(c.engine, c.follower);
    const hits = await found(c, "连翘");
    expect(hits).toContain(before);
    expect(hits).toContain(after);
  });

  it("the sweep deletes only rows applied longer ago than the retention", async () => {
    const id = await postNeed("樱桃保鲜");
    await followOutbox(a.engine, a.follower);
    const rows = await db.searchOutbox.count({ where: { documentId: id } });
    await sweepOutbox(new Date(Date.now() + OUTBOX_RETENTION_MS - 60_000));
    expect(await db.searchOutbox.count({ where: { documentId: id } })).toBe(rows);
    const pending = await postNeed("樱桃冷链");
    await sweepOutbox(new Date(Date.now() + OUTBOX_RETENTION_MS + 60_000));
    expect(await db.searchOutbox.count({ where: { documentId: id } })).toBe(0);
    // Not yet applied by anyone: kept whatever its age.
    expect(await db.searchOutbox.count({ where: { documentId: pending } })).toBeGreaterThan(0);
  });
});
