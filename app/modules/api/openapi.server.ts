import { z } from "zod";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { DOMAIN_ERRORS, type ErrorSpec } from "~/utils/errors";
import "./endpoints.server";
import { API_TAGS, registry, type ApiEndpoint, type ApiTag } from "./endpoint.server";
import { bilingual, toJson } from "./openapi-text.server";
import { webhookOperations } from "./openapi-webhooks.server";
import { RATE_LIMIT, RATE_WINDOW_SECONDS } from "./rate-limit.server";

type JsonSchema = Record<string, unknown>;

const ProblemSchema: JsonSchema = {
  type: "object",
  required: ["type", "title", "status"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    code: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["message"],
        properties: { pointer: { type: "string" }, field: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

const RATE_HEADERS = {
  "RateLimit-Policy": { description: `${RATE_LIMIT};w=${RATE_WINDOW_SECONDS}`, schema: { type: "string" } },
  RateLimit: { description: "limit=…, remaining=…, reset=…", schema: { type: "string" } },
};

function problem(key: MessageKey, extraHeaders: Record<string, unknown> = {}) {
  return {
    ...bilingual("description", key),
    headers: { ...RATE_HEADERS, ...extraHeaders },
    content: { "application/problem+json": { schema: ProblemSchema } },
  };
}

function parameters(spec: ApiEndpoint["spec"]) {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", spec.params],
    ["query", spec.query],
  ] as const) {
    if (!(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      list.push({
        name,
        in: where,
        required: where === "path" || !field.safeParse(undefined).success,
        schema: toJson(field, "input"),
      });
    }
  }
  return list;
}

/** How a retry of the operation is made safe: a required key, an optional one, or none. */
function idempotencyOf(spec: ApiEndpoint["spec"]): "required" | "optional" | null {
  if (spec.requireIdempotencyKey) return "required";
  return spec.idempotent ? "optional" : null;
}

/** The operation's description in one language: what it does, then who may call it and how to retry. */
function describe(spec: ApiEndpoint["spec"], locale: Locale): string {
  const idempotency = idempotencyOf(spec);
  return [
    spec.description ? translate(locale, spec.description) : "",
    spec.scope
      ? translate(locale, "api.doc.scope", { scope: spec.scope })
      : translate(locale, "api.doc.public"),
    spec.permission ? translate(locale, "api.doc.permission", { permission: spec.permission }) : "",
    idempotency
      ? translate(locale, idempotency === "required" ? "api.doc.key_required" : "api.doc.key_optional")
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** `GET /api/v1/needs/{id}/matches` → `getNeedsIdMatches`; the operation's messages are keyed by it. */
export function operationId(spec: Pick<ApiEndpoint["spec"], "method" | "path">): string {
  return `${spec.method.toLowerCase()}${spec.path
    .replace(/^\/api\/v1/, "")
    .replace(/[{}]/g, "")
    .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())}`;
}

function operation({ spec }: ApiEndpoint) {
  const status = String(spec.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: {
      ...bilingual("description", spec.summary),
      headers: RATE_HEADERS,
      content: { "application/json": { schema: toJson(spec.response, "output") } },
    },
    "400": problem("api.doc.bad_request"),
    "404": problem("api.doc.not_found"),
    "429": problem("api.doc.rate_limited", { "Retry-After": { schema: { type: "integer" } } }),
  };
  if (spec.scope) {
    responses["401"] = problem("api.doc.unauthorized", {
      "WWW-Authenticate": { schema: { type: "string" } },
    });
    responses["403"] = problem("api.doc.forbidden");
  }
  if (spec.method !== "GET") responses["409"] = problem("api.doc.conflict");
  const idempotency = idempotencyOf(spec);
  const headers = idempotency
    ? [
        {
          name: "Idempotency-Key",
          in: "header",
          required: idempotency === "required",
          ...bilingual("description", "api.doc.key_header"),
          schema: { type: "string", minLength: 8, maxLength: 100 },
        },
      ]
    : [];
  return {
    operationId: operationId(spec),
    ...bilingual("summary", spec.summary),
    tags: [spec.tag],
    description: describe(spec, "zh"),
    "x-description-en": describe(spec, "en"),
    security: spec.scope ? [{ bearer: [spec.scope] }, { cookie: [] }] : [],
    "x-scope": spec.scope ?? null,
    parameters: [...parameters(spec), ...headers],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toJson(spec.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** The document's tags: the registry's, in the reference's order, then the webhooks'. */
function tags(endpoints: readonly ApiEndpoint[]) {
  const used = new Set<ApiTag>([...endpoints.map((endpoint) => endpoint.spec.tag), "webhooks"]);
  return API_TAGS.filter((tag) => used.has(tag)).map((name) => ({
    name,
    ...bilingual("description", `api.tag.${name}`),
  }));
}

/** The OpenAPI 3.1 document of every registered endpoint and every webhook the platform sends. */
export function buildOpenApi(endpoints: readonly ApiEndpoint[] = registry) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    (paths[endpoint.spec.path] ??= {})[endpoint.spec.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "乡科开放接口 · XiangKe open API",
      version: "1.0.0",
      ...bilingual("description", "api.doc.info"),
    },
    servers: [{ url: "/" }],
    tags: tags(endpoints),
    paths,
    webhooks: webhookOperations(),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", ...bilingual("description", "api.doc.bearer") },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: "xk_session",
          ...bilingual("description", "api.doc.cookie"),
        },
      },
      schemas: { Problem: ProblemSchema },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

/**
 * The same document flattened for the HTML reference at /api/v1/docs. Texts stay message keys:
 * the page translates them into the visitor's language.
 */
export function apiReference(endpoints: readonly ApiEndpoint[] = registry) {
  return endpoints.map((endpoint) => {
    const op = operation(endpoint);
    const status = String(endpoint.spec.status ?? 200);
    const content = (op.responses[status] as { content: Record<string, { schema: unknown }> }).content[
      "application/json"
    ]!;
    const body = (op as { requestBody?: { content: Record<string, { schema: unknown }> } }).requestBody;
    return {
      id: op.operationId,
      method: endpoint.spec.method,
      path: endpoint.spec.path,
      summary: endpoint.spec.summary,
      detail: endpoint.spec.description ?? null,
      tag: endpoint.spec.tag,
      tagLabel: `api.tag.${endpoint.spec.tag}` as const,
      scope: endpoint.spec.scope ?? null,
      permission: endpoint.spec.permission ?? null,
      idempotency: idempotencyOf(endpoint.spec),
      status,
      parameters: op.parameters.map((parameter) => ({
        name: String(parameter.name),
        in: String(parameter.in),
        required: Boolean(parameter.required),
        schema: JSON.stringify(parameter.schema),
      })),
      request: body ? JSON.stringify(body.content["application/json"]!.schema, null, 2) : null,
      response: JSON.stringify(content.schema, null, 2),
    };
  });
}

/** Problems the API answers itself, outside the services' refusals. */
const API_PROBLEMS: Record<string, ErrorSpec> = {
  "api.invalid_request": { status: 400, message: "api.problem.invalid_request" },
  "api.rate_limited": { status: 429, message: "api.problem.rate_limited" },
};

/**
 * Every problem code with its status and message, for /api/v1/docs: a problem's `type` is
 * `/api/v1/docs#problem-<code>`, so each code needs its entry there.
 */
export function problemCatalogue(locale: Locale) {
  const specs: Record<string, ErrorSpec> = { ...DOMAIN_ERRORS, ...API_PROBLEMS };
  return Object.entries(specs)
    .map(([code, spec]) => ({
      code,
      anchor: `problem-${code}`,
      status: spec.status,
      message: translate(locale, spec.message),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
