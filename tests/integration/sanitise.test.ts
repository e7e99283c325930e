import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { useTestDatabase } from "../support/database";

/*
 * People's text reaches other people's screens. Markup typed into any free-text field must come
 * back as the characters typed — never as a live tag, handler or javascript: link. The pages are
 * fetched from the production server (a child process on this file's database), as a phone gets them.
 */

const database = useTestDatabase();
const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>`;
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

let app: AppProcess | undefined;
let cookie = "";
const pages: string[] = [];

beforeAll(async () => {
  await seedDemoData(db);
  const text = (label: string) => `${label} ${PAYLOAD}`;
  const need = await db.need.findFirstOrThrow({
    where: { organisationId: { not: null } },
    select: { id: true, organisationId: true },
  });
  const organisationId = need.organisationId!;
  await db.need.update({
    where: { id: need.id },
    data: { title: text("need"), description: text("need"), story: text("story"), village: text("village") },
  });
  const offer = await db.offer.findFirstOrThrow({ select: { id: true } });
  await db.offer.update({
    where: { id: offer.id },
    data: { title: text("offer"), description: text("offer") },
  });
  const expert = await db.expertProfile.findFirstOrThrow({ select: { userId: true } });
  await db.expertProfile.update({
    where: { userId: expert.userId },
    data: { title: text("title"), bio: text("bio"), specialties: text("specialties") },
  });
  await db.organisation.update({
    where: { id: organisationId },
    data: { description: text("org"), mainProducts: [text("products")], address: text("address") },
  });
  const service = await db.spaceService.findFirstOrThrow({ select: { id: true, organisationId: true } });
  await db.spaceService.update({
    where: { id: service.id },
    data: { title: text("service"), description: text("service") },
  });
  const review = await db.review.findFirst({ select: { id: true } });
  if (review)
    await db.review.update({
      where: { id: review.id },
      data: { text: text("review"), reply: text("reply") },
    });

  const viewer = await db.user.findFirstOrThrow({ where: { primaryRole: "BUREAU" }, select: { id: true } });
  cookie = (await serializeSessionCookie(await createSession(viewer.id, {}))).split(";")[0]!;
  pages.push(
    `/needs/${need.id}`,
    "/needs",
    `/offers/${offer.id}`,
    "/offers",
    `/experts/${expert.userId}`,
    `/orgs/${organisationId}`,
  );
  pages.push(
    `/services/${service.id}`,
    `/spaces/${service.organisationId}`,
    `/search?q=${encodeURIComponent(PAYLOAD)}`,
  );
  if (review) pages.push(`/reviews/${review.id}`);

  app = await startAppProcess({
    DATABASE_URL: database.url(),
    SEED_DEMO: "false",
    SESSION_SECRET: process.env.SESSION_SECRET!,
    COOKIE_SECURE: "false",
  });
}, 180_000);

afterAll(async () => {
  await app?.stop();
}, 60_000);

describe("user text on the pages", () => {
  it("is stored exactly as typed", async () => {
    const need = await db.need.findFirstOrThrow({
      where: { title: { contains: "<script>" } },
      select: { title: true },
    });
    expect(need.title).toBe(`need ${PAYLOAD}`);
  });

  it.each([false, true])(
    "is shown escaped, with no live tag, handler or javascript: link (logged in: %s)",
    async (loggedIn) => {
      let escapedSomewhere = 0;
      for (const page of pages) {
        const response = await fetch(`${app!.url}${page}`, { headers: loggedIn ? { cookie } : {} });
        expect(response.status, page).toBeLessThan(500);
        const html = await response.text();
        expect(html, page).not.toContain("<script>alert");
        expect(html, page).not.toMatch(/<img[^>]*onerror/i);
        expect(html, page).not.toMatch(/href="javascript:/i);
        if (html.includes(ESCAPED)) escapedSomewhere++;
      }
      // The text did reach the pages (as text), so the checks above looked at it.
      expect(escapedSomewhere).toBeGreaterThanOrEqual(5);
    },
  );
});

describe("raw HTML in components", () => {
  it("is injected only where the server drew it (the ECharts SVG of the dashboard and the space map) and for the page's messages as JSON", () => {
    // page-messages.tsx writes catalogue text (never user text) as JSON with every "<" escaped.
    const allowed = ["dashboard-tables.tsx", "spaces._index.tsx", "page-messages.tsx"];
    const uses: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (
          /\.tsx?$/.test(entry.name) &&
          !entry.name.includes(".test.") &&
          /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(readFileSync(full, "utf8"))
        )
          uses.push(entry.name);
      }
    };
    walk(path.resolve(import.meta.dirname, "../../app"));
    expect(uses.sort()).toEqual(allowed.sort());
  });
});
