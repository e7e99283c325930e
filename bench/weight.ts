// npm run bench:weight — the JavaScript each main page makes a phone download, gzipped as the
// server sends it, against the 150 kB budget. Scripts are what the HTML names: <script
// src> and <link rel="modulepreload">; each is fetched once from the running production build.
// Beside it: the messages the page embeds as JSON (docs/decisions/019) and the catalogue chunk the
// browser fetches at the first interaction, so nothing is left out of the picture.
// Prints a table and writes bench/results/weight.json.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startAppProcess } from "../tests/support/app-process";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../app/modules/demo/demo-accounts";
import { round } from "./lib";

const BUDGET_KB = 150;

const app = await startAppProcess({ LOG_LEVEL: "silent" });
try {
  const sizes = new Map<string, number>();
  async function gzippedKb(src: string): Promise<number> {
    if (!sizes.has(src)) {
      const body = Buffer.from(await (await fetch(new URL(src, app.url))).arrayBuffer());
      sizes.set(src, gzipSync(body).byteLength);
    }
    return sizes.get(src)! / 1024;
  }
  let embeddedKb = 0;
  async function scriptsOf(pathname: string, cookie = ""): Promise<string[]> {
    const html = await (await fetch(`${app.url}${pathname}`, { headers: { cookie } })).text();
    const embedded =
      html.match(/<script type="application\/json" id="xk-messages"[^>]*>(.*?)<\/script>/s)?.[1] ?? "";
    embeddedKb = gzipSync(embedded).byteLength / 1024;
    const srcs = [
      ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1]!);
    // The entry imports its own chunks too: Remix lists them all as modulepreload, so the HTML is complete.
    return [...new Set(srcs)];
  }
  async function logIn(identifier: string): Promise<string> {
    const body = new URLSearchParams({ identifier, password: DEMO_PASSWORD });
    const response = await fetch(`${app.url}/login`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { origin: app.url },
    });
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
  }

  const needsHtml = await (await fetch(`${app.url}/needs`)).text();
  const needPath = needsHtml.match(/href="(\/needs\/[a-z0-9]{20,})"/)?.[1] ?? "/needs";
  const village = await logIn(DEMO_ACCOUNTS.find((account) => account.role === "VILLAGE")!.login);
  const pages: [string, string, string][] = [
    ["home", "/", ""],
    ["needs list", "/needs", ""],
    ["need page", needPath, ""],
    ["search", "/search?q=香菇", ""],
    ["login", "/login", ""],
    ["post a need (logged in)", "/needs/new", village],
    ["workspace (logged in)", "/workspace", village],
  ];
  const rows: Record<
    string,
    {
      scripts: number;
      "JS kB gz": number;
      "budget kB": number;
      pass: string;
      "messages in page kB gz": number;
    }
  > = {};
  for (const [name, pathname, cookie] of pages) {
    const srcs = await scriptsOf(pathname, cookie);
    let total = 0;
    for (const src of srcs) total += await gzippedKb(src);
    if (process.env.WEIGHT_VERBOSE)
      console.log(
        name,
        srcs.map((s) => `${s.split("/").pop()} ${round(sizes.get(s)! / 1024, 1)}`).join(", "),
      );
    rows[name] = {
      scripts: srcs.length,
      "JS kB gz": round(total, 1),
      "budget kB": BUDGET_KB,
      pass: total <= BUDGET_KB ? "pass" : "FAIL",
      "messages in page kB gz": round(embeddedKb, 1),
    };
  }
  console.log(
    `\nbench:weight — JavaScript per page, gzipped (${os.cpus().length} cores, Node ${process.version})\n`,
  );
  console.table(rows);
  // The whole catalogue of each language, fetched at the first interaction and cached from then on.
  const assets = path.join(import.meta.dirname, "..", "build", "client", "assets");
  const deferredCatalogueKb = Object.fromEntries(
    readdirSync(assets)
      .filter((name) => /^(zh|en)-[\w-]+\.js$/.test(name))
      .map((name) => [
        name.slice(0, 2),
        round(gzipSync(readFileSync(path.join(assets, name))).byteLength / 1024, 1),
      ]),
  );
  console.log(
    `fetched at the first interaction, once per release: the whole catalogue, zh ${deferredCatalogueKb.zh} kB, en ${deferredCatalogueKb.en} kB gzipped`,
  );
  const results = {
    machine: { cores: os.cpus().length, node: process.version },
    budgetKb: BUDGET_KB,
    pages: rows,
    deferredCatalogueKb,
  };
  mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  writeFileSync(
    path.join(import.meta.dirname, "results", "weight.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  if (Object.values(rows).some((row) => row.pass !== "pass")) process.exitCode = 1;
} finally {
  await app.stop();
}
