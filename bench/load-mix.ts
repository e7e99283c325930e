// The request mix of bench/load.ts: what a crowd of phones asks the app for, by weight. Every
// request is drawn afresh by weight (autocannon calls setupRequest before each one), so the mix
// holds on every connection, not only over the whole run.
import type autocannon from "autocannon";
import { ARRANGEMENT_TYPES } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES, INDUSTRY_CODES } from "~/modules/reference/reference";

export const KINDS = ["home", "list", "search", "detail", "otherList", "workspace", "post"] as const;
export type Kind = (typeof KINDS)[number];

/** Percent of requests; they add up to 100. */
export const MIX: { name: Kind; weight: number; what: string }[] = [
  { name: "home", weight: 20, what: "GET /" },
  { name: "list", weight: 20, what: "GET /needs, half with a filter or page=2" },
  { name: "search", weight: 15, what: "GET /search?q=<product word>" },
  { name: "detail", weight: 20, what: "GET /needs/<id> of a demo need" },
  { name: "otherList", weight: 10, what: "GET /offers, /services, /spaces, /programmes, /demos, /brands" },
  { name: "workspace", weight: 5, what: "GET /workspace, logged in" },
  {
    name: "post",
    weight: 10,
    what: "POST /needs/new (the real multipart form), logged in, expects a redirect",
  },
];

const SEARCH_WORDS = ["香菇", "土鸡", "木耳", "食用菌", "苹果", "核桃", "电商", "商标", "检测", "烘干"];
const NEED_FILTERS = [
  "industry=PLANTING",
  "county=410324",
  "page=2",
  "kind=TECHNICAL",
  "sort=deadline",
  "verified=1",
];
export const OTHER_LISTS = ["/offers", "/services", "/spaces", "/programmes", "/demos", "/brands"];
const BOUNDARY = "----XiangKeBenchBoundary7MA4YWxkTrZu0gW";

export interface Poster {
  /** `xk_session=…` */
  cookie: string;
  organisationId: string;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function pickKind(): Kind {
  let roll = Math.random() * 100;
  for (const { name, weight } of MIX) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return MIX.at(-1)!.name;
}

/**
 * The body a browser without JavaScript sends for the "post a need" form (need-form.tsx): every
 * field the page renders, empty ones included (the branding fieldset is rendered server-side),
 * the empty file input, and the "publish" button's name and value.
 */
export function needFormBody(organisationId: string, n: number): Buffer {
  const fields: [string, string][] = [
    ["organisationId", organisationId],
    ["kind", "TECHNICAL"],
    ["title", `压测需求 ${n}：香菇大棚温湿度控制`],
    [
      "description",
      `合作社今年新建香菇大棚 ${(n % 20) + 3} 座，夏季温度过高导致菌棒污染，希望专家上门指导温湿度控制和通风改造。`,
    ],
    ["productName", ""],
    ["origin", ""],
    ["story", ""],
    ["industry", pick(INDUSTRY_CODES)],
    ["countyCode", pick(COUNTY_CODES)],
    ["village", "协心村"],
    ["budgetMin", "2000"],
    ["budgetMax", "8000"],
    ["urgency", "NORMAL"],
    ["deadline", ""],
    ["arrangements", pick(ARRANGEMENT_TYPES)],
  ];
  const parts = fields.map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`,
  );
  parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\npublish\r\n`);
  return Buffer.from(`${parts.join("")}--${BOUNDARY}--\r\n`);
}

/** The field names needFormBody sends, to check against the rendered form before the run. */
export const NEED_FORM_FIELDS = [
  "organisationId",
  "kind",
  "title",
  "description",
  "productName",
  "origin",
  "story",
  "industry",
  "countyCode",
  "village",
  "budgetMin",
  "budgetMax",
  "urgency",
  "deadline",
  "arrangements",
  "photos",
  "intent",
];

/** What the bench remembers of the request in flight on a connection (autocannon's per-connection context). */
export interface MixContext {
  kind?: Kind;
  path?: string;
}

/**
 * autocannon's setupRequest: draws the next request by weight. `origin` is the app's URL (the
 * app refuses a cross-origin POST); `needIds` are the demo needs; `posters` the bench's village users.
 */
export function mixRequest(origin: string, needIds: string[], posters: Poster[]) {
  let posted = 0;
  const browser = {
    "accept-language": "zh-CN,zh;q=0.9",
    "accept-encoding": "gzip, deflate, br",
    accept: "text/html",
  };
  return (request: autocannon.Request, context: object): autocannon.Request => {
    const kind = pickKind();
    let path: string;
    let extra: Partial<autocannon.Request> = {};
    switch (kind) {
      case "home":
        path = "/";
        break;
      case "list":
        path = Math.random() < 0.5 ? "/needs" : `/needs?${pick(NEED_FILTERS)}`;
        break;
      case "search":
        path = `/search?q=${encodeURIComponent(pick(SEARCH_WORDS))}`;
        break;
      case "detail":
        path = `/needs/${pick(needIds)}`;
        break;
      case "otherList":
        path = pick(OTHER_LISTS);
        break;
      case "workspace":
        path = "/workspace";
        extra = { headers: { ...browser, cookie: pick(posters).cookie } };
        break;
      case "post": {
        path = "/needs/new";
        const poster = pick(posters);
        extra = {
          method: "POST",
          body: needFormBody(poster.organisationId, (posted += 1)),
          headers: {
            ...browser,
            cookie: poster.cookie,
            origin,
            referer: `${origin}/needs/new`,
            "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
          },
        };
        break;
      }
    }
    Object.assign(context, { kind, path } satisfies MixContext);
    return { ...request, method: "GET", body: undefined, headers: browser, path, ...extra };
  };
}
