import { expect, type BrowserContext, type Page } from "@playwright/test";
import type pg from "pg";
import { queryAppDatabase } from "../support/app-database";
import { DEMO_ACCOUNTS } from "../../app/modules/demo/demo-accounts";

export const login = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!.login;

/** Runs one query against the app's own database: the field suite counts what reached it. */
export function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryAppDatabase<T>(process.env.E2E_DATA_DIR!, sql, params);
}

export interface LinkProfile {
  /** Round trip added to every request, ms. */
  latencyMs: number;
  /** Bytes per second; -1 for no limit. */
  downBytesPerSecond: number;
  upBytesPerSecond: number;
}

export const SLOW_LINK: LinkProfile = {
  latencyMs: 400,
  downBytesPerSecond: 50_000,
  upBytesPerSecond: 50_000,
};
/** The double-tap link: 1.5 s latency, 50 KB/s. */
export const LAGGY_LINK: LinkProfile = {
  latencyMs: 1500,
  downBytesPerSecond: 50_000,
  upBytesPerSecond: 50_000,
};

/** Chromium DevTools network emulation for one page (what a weak or absent signal does). */
export async function network(page: Page, context: BrowserContext) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let profile: LinkProfile = { latencyMs: 0, downBytesPerSecond: -1, upBytesPerSecond: -1 };
  const apply = (offline: boolean) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline,
      latency: profile.latencyMs,
      downloadThroughput: profile.downBytesPerSecond,
      uploadThroughput: profile.upBytesPerSecond,
    });
  return {
    async cut() {
      await apply(true);
    },
    async restore() {
      await apply(false);
    },
    async shape(next: LinkProfile) {
      profile = next;
      await apply(false);
    },
    async cpu(rate: number) {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    },
    detach: () => cdp.detach(),
  };
}

/** A small deterministic generator (mulberry32): the same cuts and words every run. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export async function noPendingMessages(page: Page, timeoutMs = 90_000) {
  await expect(page.locator("[data-pending-status]")).toHaveCount(0, { timeout: timeoutMs });
}

/** How many messages this page's device holds in its outbox (IndexedDB), read in the page. */
export function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open("xiangke-chat");
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains("outbox")) return resolve(0);
          const counting = db.transaction("outbox").objectStore("outbox").count();
          counting.onsuccess = () => resolve(counting.result);
          counting.onerror = () => reject(counting.error);
        };
      }),
  );
}
