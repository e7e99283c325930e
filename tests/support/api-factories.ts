import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { db } from "~/db.server";
import { createToken } from "~/modules/api/tokens.server";
import type { Scope } from "~/modules/api/scopes";
import { loader as openApiLoader } from "~/routes/api/v1/api.v1.openapi[.]json";
import type { Actor } from "~/modules/users/permissions";

/** A token for the actor; `revoked` and `expired` make it unusable in the way the name says. */
export async function tokenFor(actor: Actor, scopes: Scope[], { revoked = false, expired = false } = {}) {
  const { token, row } = await createToken(actor, { name: "测试令牌", scopes });
  if (revoked) await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  if (expired)
    await db.apiToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  return token;
}

export function apiRequest(
  path: string,
  {
    token,
    method = "GET",
    body,
    headers = {},
  }: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

type OpenApi = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
  >;
};
let documentPromise: Promise<OpenApi> | undefined;

/**
 * Checks a response against the published OpenAPI document: the operation must list the status
 * and the body must match its schema. Returns the parsed body.
 */
export async function expectDocumented(
  response: Response,
  method: string,
  path: string,
): Promise<Record<string, unknown>> {
  documentPromise ??= Promise.resolve(openApiLoader().json() as Promise<OpenApi>);
  const document = await documentPromise;
  const described = document.paths[path]?.[method.toLowerCase()]?.responses[String(response.status)];
  expect(described, `${method} ${path} documents status ${response.status}`).toBeDefined();
  const mediaType = response.headers.get("content-type")!.split(";")[0]!;
  const schema = described!.content[mediaType]?.schema;
  expect(schema, `${method} ${path} ${response.status} documents ${mediaType}`).toBeDefined();
  const body = (await response.json()) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema!);
  expect(validate(body) ? [] : validate.errors, `${method} ${path} ${response.status} body`).toEqual([]);
  return body;
}
