import { z } from "zod";
import { translate, type Locale } from "~/i18n/i18n";
import { DOMAIN_ERRORS, type ErrorSpec } from "~/utils/errors";
import "./endpoints.server";
import { registry, type ApiEndpoint } from "./endpoint.server";
import { RATE_LIMIT, RATE_WINDOW_SECONDS } from "./rate-limit.server";

type JsonSchema = Record<string, unknown>;

function toJson(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Inputs such as photo files have no JSON form; the API documents them as "anything".
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return json;
}

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

function problem(description: string, extraHeaders: Record<string, unknown> = {}) {
  return {
    description,
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

function operation({ spec }: ApiEndpoint) {
  const status = String(spec.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: {
      description: spec.summary,
      headers: RATE_HEADERS,
      content: { "application/json": { schema: toJson(spec.response, "output") } },
    },
    "400": problem("Invalid parameters or body; `errors` points at each field"),
    "404": problem("Not found"),
    "429": problem("Rate limit exceeded", { "Retry-After": { schema: { type: "integer" } } }),
  };
  if (spec.scope) {
    responses["401"] = problem("Missing, unknown, revoked or expired token", {
      "WWW-Authenticate": { schema: { type: "string" } },
    });
    responses["403"] = problem("The token lacks the scope, or the person's role does not allow it");
  }
  if (spec.method === "POST")
    responses["409"] = problem(
      "Conflict with the current state, or an Idempotency-Key reused with other parameters",
    );
  const headers =
    spec.idempotent || spec.requireIdempotencyKey
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: Boolean(spec.requireIdempotencyKey),
            description: "Retry safely: the same key returns the first result",
            schema: { type: "string", minLength: 8, maxLength: 100 },
          },
        ]
      : [];
  return {
    operationId: `${spec.method.toLowerCase()}${spec.path
      .replace(/^\/api\/v1/, "")
      .replace(/[{}]/g, "")
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    description: [
      spec.scope ? `Scope: \`${spec.scope}\`.` : "Public.",
      spec.permission ? `Role permission: \`${spec.permission}\`.` : "",
    ]
      .filter(Boolean)
      .join(" "),
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

/** The OpenAPI 3.1 document of every registered endpoint. */
export function buildOpenApi(endpoints: readonly ApiEndpoint[] = registry) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    (paths[endpoint.spec.path] ??= {})[endpoint.spec.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "XiangKe open API",
      version: "1.0.0",
      description:
        "乡科开放接口 · Money is integer fen; dates are ISO 8601; errors are RFC 9457 problem+json. A method a path does not list answers 405 (problem+json, code api.method_not_allowed) with an Allow header naming the methods it does.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A personal token (xk_…) created at /account/tokens; its scopes limit what it may do",
        },
        cookie: {
          type: "apiKey",
          in: "cookie",
          name: "xk_session",
          description: "The web session; all scopes, the person's roles still decide",
        },
      },
      schemas: { Problem: ProblemSchema },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

/** The same document flattened for the HTML reference at /api/v1/docs. */
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
      scope: endpoint.spec.scope ?? null,
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
