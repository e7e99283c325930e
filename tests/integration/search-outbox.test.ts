import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createEmbeddedEngine } from "~/modules/indexing/embedded.server";
import { configureIndexes, processOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import type { SearchEngine } from "~/modules/indexing/search.types";
import { createNeed, setNeedHidden } from "~/modules/needs/needs.server";
import { useTestDatabase } from "../support/database";
import { createBureau, createVillage, meta, needFields } from "../support/needs-factories";

useTestDatabase();

let engine: SearchEngine;
beforeAll(async () => {
  engine = createEmbeddedEngine();
  await configureIndexes(engine);
});

const found = async (q: string) => (await engine.search("needs", { q })).hits.map((hit) => hit.id);

describe("keeping the index in step through the outbox", () => {
  it("indexes a published need, and drops it when the bureau hides it", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "连翘种植密度与修剪技术" }),
      photos: [],
      publish: true,
      meta,
    });
    expect(await db.searchOutbox.count({ where: { documentId: id, processedAt: null } })).toBeGreaterThan(0);
    expect(await found("连翘")).not.toContain(id);

    await processOutbox(engine);
    expect(await found("连翘")).toContain(id);
    expect(await db.searchOutbox.count({ where: { documentId: id, processedAt: null } })).toBe(0);

    await setNeedHidden({ actor: await createBureau(), needId: id, hidden: true, reason: "重复发布", meta });
    await processOutbox(engine);
    expect(await found("连翘")).not.toContain(id);
  });

  it("never indexes a draft", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "丹参育苗草稿" }),
      photos: [],
      publish: false,
      meta,
    });
    await processOutbox(engine);
    expect(await found("丹参")).not.toContain(id);
  });

  it("keeps failed changes pending with a back-off, then applies them", async () => {
    const { organisation, head } = await createVillage();
    const { id } = await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "山茱萸烘干工艺" }),
      photos: [],
      publish: true,
      meta,
    });
    const broken: SearchEngine = {
      ...engine,
      upsert: async () => {
        throw new Error("engine unreachable");
      },
    };
    const now = new Date();
    expect((await processOutbox(broken, now)).failed).toBeGreaterThan(0);
    const pending = await db.searchOutbox.findFirstOrThrow({
      where: { documentId: id },
      select: { attempts: true, nextAttemptAt: true, lastError: true, processedAt: true },
    });
    expect(pending).toMatchObject({
      attempts: 1,
      processedAt: null,
      lastError: expect.stringContaining("engine unreachable"),
    });
    expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // Not retried before its time, then applied once the engine is back.
    await processOutbox(engine, now);
    expect(await found("山茱萸")).not.toContain(id);
    await processOutbox(engine, new Date(now.getTime() + 60_000));
    expect(await found("山茱萸")).toContain(id);
  });

  it("rebuilds every index from the database", async () => {
    const fresh = createEmbeddedEngine();
    const counts = await rebuildIndexes(fresh);
    expect(counts.needs).toBe(
      await db.need.count({
        where: { hiddenAt: null, status: { in: ["OPEN", "IN_PROGRESS", "COMPLETED"] } },
      }),
    );
    expect((await fresh.search("needs", { q: "" })).total).toBe(counts.needs);
    expect(await db.searchOutbox.count({ where: { processedAt: null } })).toBe(0);
  });
});
