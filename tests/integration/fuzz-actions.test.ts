import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { SCOPES } from "~/modules/api/scopes";
import { createToken } from "~/modules/api/tokens.server";
import { seedDemoData } from "~/modules/demo/seed.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { actorOf } from "../support/profiles-factories";
import { useTestDatabase } from "../support/database";
import { routeTable, type RouteTableEntry } from "../support/route-table";

/*
 * Every route action, fed generated forms by fast-check, must answer with a status below 500:
 * bad input is the visitor's mistake (400/403/404/409…), never the server's. The routes are read
 * from app/routes.ts when the file loads, so a new route is fuzzed without anyone listing it here.
 * FUZZ_RUNS raises the runs per route (default 10, small enough for two cores); FUZZ_DEBUG=1
 * prints how often each status came back, to see how deep the generated forms get.
 */

// Whatever an action would store goes to a folder of this file's own (read at first use).
const dataDir = mkdtempSync(path.join(tmpdir(), "xk-fuzz-"));
process.env.DATA_DIR = dataDir;

useTestDatabase();

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const APP = path.resolve(import.meta.dirname, "../../app");
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

const routesWithActions = (await routeTable()).filter((route) =>
  /export (async )?(function|const) action\b/.test(readFileSync(route.file, "utf8")),
);

/** The route file and the page helpers / schemas / form components it imports (two levels), as text. */
function sourcesOf(file: string): string[] {
  const seen = new Set<string>();
  const visit = (absolute: string, depth: number) => {
    if (seen.has(absolute) || !existsSync(absolute)) return;
    seen.add(absolute);
    if (depth === 0) return;
    const text = readFileSync(absolute, "utf8");
    for (const [, specifier] of text.matchAll(/from "((?:~\/|\.\/)[^"]+)"/g)) {
      const base = specifier!.startsWith("~/")
        ? path.join(APP, specifier!.slice(2))
        : path.join(path.dirname(absolute), specifier!);
      // Page helpers (+…), a domain's components, schemas and form modules carry field names;
      // services do not.
      if (!/(\/\+[^/]+|\/components\/[\w-]+\/[^/]+|schema|form|actions?\.server)$/.test(base)) continue;
      for (const ext of [".ts", ".tsx"]) visit(base + ext, depth - 1);
    }
  };
  visit(file, 3);
  return [...seen].map((absolute) => readFileSync(absolute, "utf8"));
}

/** Field names and the literal words (intents, enum values) the route's sources mention. */
function vocabularyOf(file: string) {
  const names = new Set<string>(["intent", "redirectTo", "idempotencyKey"]);
  const words = new Set<string>();
  const intents = new Set<string>();
  for (const text of sourcesOf(file)) {
    for (const [, name] of text.matchAll(/name(?:=\{?|: )"([^"{}$]{1,60})"/g)) names.add(name!);
    for (const [, name] of text.matchAll(/\b(\w{2,40}): z\./g)) names.add(name!);
    for (const [, name] of text.matchAll(/fields\.(\w+)/g)) names.add(name!);
    for (const [, word] of text.matchAll(/"([\w.-]{1,40})"/g)) words.add(word!);
    for (const [, intent] of text.matchAll(/(?:literal\(|intent=\{?|value=\{?)"([\w.-]{1,40})"/g))
      intents.add(intent!);
  }
  words.add("x");
  intents.add("junk");
  return { names: [...names], words: [...words], intents: [...intents] };
}

/** The segments of `/needs/:id/edit` (parameters as `$id`, a splat as `$`) and its parameters. */
function shapeOf(pattern: string) {
  const segments = pattern
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment === "*" ? "$" : segment.replace(/^:/, "$")));
  const params = segments.flatMap((segment, index) =>
    segment.startsWith("$") ? [{ name: segment.slice(1) || "*", after: segments[index - 1] ?? "" }] : [],
  );
  return { segments, params };
}

type Pools = Record<string, string[]>;

/** Which table a route parameter names: by the parameter, else by the segment before it. */
function poolFor(param: { name: string; after: string }, file: string, pools: Pools): string[] {
  const byName: Record<string, string> = {
    milestoneId: "milestone",
    userId: "user",
    orgId: "organisation",
    agreementId: "agreement",
    applicationId: "application",
    needId: "need",
    endpointId: "webhookEndpoint",
    uploadId: "upload",
    accountId: "ledgerAccount",
    version: "version",
  };
  const bySegment: Record<string, string> = {
    needs: "need",
    offers: "offer",
    agreements: "agreement",
    orgs: "organisation",
    organisations: "organisation",
    spaces: "organisation",
    milestones: "milestone",
    conversations: "conversation",
    messages: "conversation",
    programmes: "programme",
    brands: "brandProject",
    demos: "demoSite",
    sanctions: "sanction",
    verifications: "verificationRequest",
    reviews: "review",
    services: "spaceService",
    trainings: "training",
    assignments: "triageAssignment",
    experts: "user",
    commissioners: "user",
    poverty: "organisation",
    applications: file.includes("programmes.applications") ? "programmeApplication" : "application",
  };
  const table = byName[param.name] ?? bySegment[param.after] ?? "user";
  return pools[table] ?? [];
}

const JUNK = [
  "",
  " ",
  "0",
  "-1",
  "-100000",
  "1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "99999999999999999999",
  "1.5",
  "0.001",
  "true",
  "on",
  "null",
  "[]",
  "{}",
  "<script>alert(1)</script>",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "1970-01-01",
  "9999-12-31T23:59:59Z",
  "'; drop table users; --",
  "\u0000",
  "../../etc/passwd",
  "javascript:alert(1)",
  "http://127.0.0.1/",
  "https://example.com/hook",
  "13800000001",
  "a@b",
  "%",
  "\\",
  "😀",
  "\ud800",
];

function valueArbitrary(words: string[], ids: string[]) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.constantFrom(...JUNK) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.integer({ min: -1e12, max: 1e12 }).map(String),
    fc.double().map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.integer({ min: 1_000, max: 100_000 }).map((length) => "长".repeat(length)),
  );
}

/** A value that looks right for the field's name, so some forms pass parsing and reach the services. */
function plausibleArbitrary(
  name: string,
  words: string[],
  ids: string[],
  odd: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  const likely =
    /fen|amount|price|budget|count|trained|size|kg|mu|percent|bp|share|version|year|quantity|days|hours|score|rating|page/i.test(
      name,
    )
      ? fc.oneof(
          fc.integer({ min: -1_000, max: 10_000_000 }).map(String),
          fc.constantFrom("0", "-1", "1", "100", "2147483648", "1.5"),
        )
      : /date|at$|deadline|until|from|to$|period|month/i.test(name)
        ? fc
            .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
            .map((date) => (date.getDay() % 2 ? date.toISOString().slice(0, 10) : date.toISOString()))
        : /id$/i.test(name)
          ? fc.constantFrom(...ids)
          : fc.oneof(
              fc.constantFrom(...words),
              fc.string({ minLength: 1, maxLength: 40 }),
              fc.constantFrom("好的，试一下", "<b>x</b>", "https://example.com"),
            );
  return fc.oneof({ weight: 4, arbitrary: likely }, odd);
}

/** A file part: random bytes or a tiny text pretending to be a photo or a recording. */
const fileArbitrary = fc
  .tuple(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constant(new TextEncoder().encode("<svg onload=alert(1)>")),
    ),
    fc.constantFrom("photo.jpg", "voice.webm", "a.png", "", "x.php"),
    fc.constantFrom("image/jpeg", "image/png", "audio/webm", "text/html", "application/octet-stream"),
  )
  .map(([bytes, name, type]) => new File([bytes], name, { type }));

interface Case {
  actor: number;
  params: Record<string, string>;
  method: string;
  encoding: "urlencoded" | "multipart" | "json";
  fields: [string, string | File][];
  token: number;
}

function describeCase(file: string, value: Case, actors: Actor[]): string {
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text);
  const fields = value.fields.map(
    ([key, field]) =>
      `${short(key)}=${field instanceof File ? `<file ${field.name} ${field.type} ${field.size}B>` : JSON.stringify(short(field))}`,
  );
  const who = actors[value.actor] ? `${actors[value.actor]!.role} ${actors[value.actor]!.id}` : "anonymous";
  return `${file} ${value.method} as ${who} params=${JSON.stringify(value.params)} ${value.encoding} token=${value.token} {${fields.join(", ")}}`;
}

function buildRequest(
  url: string,
  value: Case,
  cookie: string | undefined,
  token: string | undefined,
): Request {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (value.encoding === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(
      Object.fromEntries(
        value.fields.map(([key, field]) => [
          key,
          field instanceof File ? field.name : /^-?\d+$/.test(field) ? Number(field) : field,
        ]),
      ),
    );
  } else if (value.encoding === "multipart") {
    const form = new FormData();
    for (const [key, field] of value.fields) form.append(key, field);
    body = form;
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(
      value.fields.map(([key, field]) => [key, field instanceof File ? field.name : field]),
    ).toString();
  }
  return new Request(`http://localhost:3000${url}`, {
    method: value.method,
    headers,
    body: value.method === "GET" ? undefined : body,
  });
}

/** The status an action's result stands for; a thrown Response counts as returned. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    return (result as { init?: { status?: number } | null }).init?.status ?? 200;
  }
  return 200;
}

type Actor = { id: string; role: string };
let actors: Actor[] = [];
let tokens: string[] = [];
let pools: Pools = {};
let allIds: string[] = [];

beforeAll(async () => {
  await seedDemoData(db);
  const users = await db.user.findMany({
    select: { id: true, primaryRole: true },
    orderBy: { createdAt: "asc" },
  });
  actors = users.map((user) => ({ id: user.id, role: user.primaryRole }));
  // One all-scope token per role, for the /api/v1 actions.
  const roles = new Map(users.map((user) => [user.primaryRole, user.id]));
  tokens = await Promise.all(
    [...roles.values()].map(
      async (id) => (await createToken(await actorOf(id), { name: "fuzz", scopes: [...SCOPES] })).token,
    ),
  );
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((row) => row.id);
  const take = 12;
  pools = {
    user: users.map((user) => user.id),
    organisation: await ids(db.organisation.findMany({ select: { id: true }, take })),
    need: await ids(db.need.findMany({ select: { id: true }, take })),
    offer: await ids(db.offer.findMany({ select: { id: true }, take })),
    agreement: await ids(db.agreement.findMany({ select: { id: true }, take })),
    milestone: await ids(db.milestone.findMany({ select: { id: true }, take })),
    conversation: await ids(db.conversation.findMany({ select: { id: true }, take })),
    programme: await ids(db.programme.findMany({ select: { id: true }, take })),
    programmeApplication: (await db.programmeApplication.findMany({ select: { id: true }, take })).map(
      (row) => row.id,
    ),
    application: await ids(db.application.findMany({ select: { id: true }, take })),
    brandProject: await ids(db.brandProject.findMany({ select: { id: true }, take })),
    demoSite: await ids(db.demoSite.findMany({ select: { id: true }, take })),
    sanction: await ids(db.sanction.findMany({ select: { id: true }, take })),
    verificationRequest: await ids(db.verificationRequest.findMany({ select: { id: true }, take })),
    review: await ids(db.review.findMany({ select: { id: true }, take })),
    spaceService: await ids(db.spaceService.findMany({ select: { id: true }, take })),
    training: await ids(db.training.findMany({ select: { id: true }, take })),
    triageAssignment: await ids(db.triageAssignment.findMany({ select: { id: true }, take })),
    webhookEndpoint: await ids(db.webhookEndpoint.findMany({ select: { id: true }, take })),
    upload: await ids(db.upload.findMany({ select: { id: true }, take })),
    ledgerAccount: await ids(db.ledgerAccount.findMany({ select: { id: true }, take })),
    version: ["1", "2"],
  };
  allIds = [...new Set(Object.values(pools).flat())];
  if (process.env.FUZZ_DEBUG)
    console.log(
      Object.entries(pools)
        .map(([table, rows]) => `${table}:${rows.length}`)
        .join(" "),
    );
}, 120_000);

describe("fuzzing every route action", () => {
  it("finds more than 40 actions to fuzz", () => {
    expect(routesWithActions.length).toBeGreaterThan(40);
  });

  it("drops a NUL character on the way to PostgreSQL instead of failing (found by this fuzzing)", async () => {
    const need = await db.need.findFirstOrThrow({ select: { id: true } });
    await db.need.update({ where: { id: need.id }, data: { title: "香菇\u0000控温" } });
    expect(await db.need.findUniqueOrThrow({ where: { id: need.id }, select: { title: true } })).toEqual({
      title: "香菇控温",
    });
    expect(await db.user.findUnique({ where: { id: "\u0000" }, select: { id: true } })).toBeNull();
  });

  it("makes raw query values and lone surrogates well-formed too (a NUL id reached a raw query)", async () => {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${"x\u0000"}`;
    expect(rows).toEqual([]);
    const [echo] = await db.$queryRaw<{ text: string }[]>`SELECT ${"abc\ud800def\u0000"}::text AS text`;
    expect(echo).toEqual({ text: "abc\ufffddef" });
    const need = await db.need.findFirstOrThrow({ select: { id: true } });
    await db.need.update({ where: { id: need.id }, data: { title: "番茄\udc00" } });
    expect(await db.need.findUniqueOrThrow({ where: { id: need.id }, select: { title: true } })).toEqual({
      title: "番茄\ufffd",
    });
  });

  it.each(routesWithActions.map((route): [string, RouteTableEntry] => [route.name, route]))(
    "%s answers generated forms with a status below 500",
    async (file, route) => {
      const module = (await import(route.file)) as {
        action?: (args: unknown) => Promise<unknown>;
      };
      expect(typeof module.action).toBe("function");
      const action = module.action!;
      const { segments, params } = shapeOf(route.pattern);
      const { names, words, intents } = vocabularyOf(route.file);
      const isApi = file.startsWith("api.");
      const value = valueArbitrary(words, allIds);
      const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, fc.string({ maxLength: 12 }));
      const field = fc.tuple(
        key,
        isApi ? value : fc.oneof({ weight: 9, arbitrary: value }, fileArbitrary),
      ) as fc.Arbitrary<[string, string | File]>;

      const caseArbitrary = fc.record({
        actor: fc.integer({ min: -1, max: actors.length - 1 }),
        params: fc.record(
          Object.fromEntries(
            params.map((param) => {
              const real = poolFor(param, file, pools);
              return [
                param.name,
                real.length > 0
                  ? fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 30 }))
                  : fc.string({ maxLength: 30 }),
              ];
            }),
          ),
        ),
        method: isApi
          ? fc.constantFrom("POST", "POST", "PUT", "DELETE")
          : fc.constantFrom("POST", "POST", "POST", "PUT", "DELETE"),
        encoding: isApi
          ? fc.constantFrom<Case["encoding"]>("json", "json", "urlencoded")
          : fc.constantFrom<Case["encoding"]>("urlencoded", "multipart"),
        // Usually the route's own intents and fields with odd values; sometimes all of them.
        fields: fc.oneof(
          fc.array(field, { maxLength: 12 }),
          fc
            .tuple(...names.map((name) => fc.tuple(fc.constant(name), value)))
            .map((pairs) => pairs as [string, string | File][]),
          fc
            .tuple(
              fc.constantFrom(...intents),
              ...names
                .filter((name) => name !== "intent")
                .map((name) => fc.option(plausibleArbitrary(name, words, allIds, value), { nil: undefined })),
            )
            .map(
              ([intent, ...values]) =>
                [
                  ["intent", intent],
                  ...names
                    .filter((name) => name !== "intent")
                    .flatMap((name, index) => (values[index] === undefined ? [] : [[name, values[index]!]])),
                ] as [string, string | File][],
            ),
        ),
        token: fc.integer({ min: -1, max: tokens.length - 1 }),
      }) as fc.Arbitrary<Case>;

      const described = caseArbitrary.map((generated) =>
        Object.assign(generated, { [fc.toStringMethod]: () => describeCase(file, generated, actors) }),
      );

      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(described, async (generated) => {
          const actor = actors[generated.actor];
          const cookie =
            actor && (!isApi || generated.token < 0)
              ? (await serializeSessionCookie(await createSession(actor.id, {}))).split(";")[0]
              : undefined;
          const url =
            "/" +
            segments
              .map((segment) =>
                segment.startsWith("$")
                  ? encodeURIComponent(generated.params[segment.slice(1) || "*"] ?? "")
                  : segment,
              )
              .join("/");
          const request = buildRequest(url, generated, cookie, isApi ? tokens[generated.token] : undefined);
          let status: number;
          try {
            status = statusOf(
              await action({
                request,
                params: generated.params,
                context: { cspNonce: "fuzz", clientIp: "10.9.0.1" },
              }),
            );
          } catch (error) {
            if (!(error instanceof Response))
              throw new Error(`threw ${String(error)}\n${error instanceof Error ? error.stack : ""}`, {
                cause: error,
              });
            status = error.status;
          }
          if (process.env.FUZZ_DEBUG) statuses.push(status);
          if (status >= 500) throw new Error(`answered ${status}`);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      if (process.env.FUZZ_DEBUG)
        console.log(
          file,
          JSON.stringify(
            statuses.reduce<Record<number, number>>(
              (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
              {},
            ),
          ),
        );
    },
    90_000,
  );
});
