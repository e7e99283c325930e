import { z } from "zod";
import { withUnit, type Unit } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { getLocale } from "~/i18n/i18n.server";
import type { Locale, MessageKey } from "~/i18n/i18n";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { can, type Permission } from "~/modules/users/permissions";
import type { SessionUser } from "~/modules/users/session.server";
import { DomainError, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { fromDomainError, fromZodError, simpleProblem } from "./problem.server";
import { hitRateLimit, rateLimitHeaders } from "./rate-limit.server";
import type { Scope } from "./scopes";
import { authenticateApi } from "./tokens.server";

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** The areas of the reference, in its order; each names itself in api.operations.messages*.ts. */
export const API_TAGS = [
  "needs",
  "applications",
  "offers",
  "services",
  "search",
  "programmes",
  "bans",
  "pairings",
  "commissioners",
  "villages",
  "towns",
  "brands",
  "dashboard",
  "messages",
  "agreements",
  "milestones",
  "wallets",
  // financing (issue 23)
  "financing",
  "webhooks",
] as const;
export type ApiTag = (typeof API_TAGS)[number];

/** The methods the API uses: GET reads, POST creates or acts, PUT replaces a record's content. */
export type HttpMethod = "GET" | "POST" | "PUT";

export interface EndpointSpec<
  P extends AnyObject,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: HttpMethod;
  /** OpenAPI form, e.g. "/api/v1/needs/{id}". */
  path: string;
  /** What the operation does, in a few words; both languages live in api.operations.messages*.ts. */
  summary: MessageKey;
  /** The longer description, when the summary does not say everything a caller needs. */
  description?: MessageKey;
  tag: ApiTag;
  /** The token scope the operation needs; with one, the caller must be authenticated. */
  scope?: Scope;
  /** The role permission the operation needs, as the web page asks. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** Writes: an `Idempotency-Key` header makes a retry return the first result. */
  idempotent?: boolean;
  /** Moves money: a request without an `Idempotency-Key` header is refused with a 400. */
  requireIdempotencyKey?: boolean;
}

export interface HandlerContext<P extends AnyObject, Q extends z.ZodType, B extends z.ZodType> {
  actor: SessionUser | null;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  request: Request;
  meta: ReturnType<typeof requestMeta>;
  /**
   * On an idempotent write (POST or PUT) with a key: the transaction that holds the key. A handler passes it to
   * the service so the record and the key commit together (no window where one exists alone).
   */
  unit?: Unit;
}

interface Args {
  request: Request;
  params: Record<string, string | undefined>;
  context?: { clientIp?: string };
}

/** What a handler may return for a response type: dates are still Date objects before JSON. */
export type Wire<T> = T extends string
  ? string | Date
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export interface ApiEndpoint {
  spec: EndpointSpec<AnyObject, z.ZodType, z.ZodType, z.ZodType>;
  handle: (args: Args) => Promise<Response>;
}

/** Every endpoint defined so far; the OpenAPI document is built from it. */
export const registry: ApiEndpoint[] = [];

function clientKey(request: Request, context: Args["context"], tokenId: string | null): string {
  if (tokenId) return `token:${tokenId}`;
  return `ip:${context?.clientIp ?? request.headers.get("x-forwarded-for") ?? "unknown"}`;
}

/**
 * The body as a JSON object: every body this API takes is one. Anything else (null, an array, a
 * number) is refused here, before the form schemas, whose cross-field rules run even when the
 * fields failed and would read properties of null (found by fuzzing).
 */
async function readJson(request: Request): Promise<Record<string, unknown>> {
  if (!request.headers.get("content-type")?.toLowerCase().includes("application/json"))
    throw new DomainError("api.invalid_json");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new DomainError("api.invalid_json");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new DomainError("api.invalid_json");
  return body as Record<string, unknown>;
}

/**
 * An API operation over a service function. The wrapper does what every operation shares:
 * rate limit, authentication, scope and permission, parsing, idempotency, problem responses.
 * Output is round-tripped through JSON (dates become strings) and then shaped by the response
 * schema, which drops fields the document does not promise.
 */
export function defineEndpoint<
  P extends AnyObject,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(
  spec: EndpointSpec<P, Q, B, R>,
  handler: (context: HandlerContext<P, Q, B>) => Promise<Wire<z.input<R>>>,
): ApiEndpoint {
  async function handle({ request, params, context }: Args): Promise<Response> {
    // Remix sends every non-GET method to the action: a PUT on a GET+POST path lands here.
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (method !== spec.method) return methodNotAllowed(allowedMethods(spec.path))({ request });
    const locale: Locale = await getLocale(request);
    const instance = new URL(request.url).pathname;
    let limitHeaders: Record<string, string> = {};
    try {
      // A refused token still counts against the caller's address, so guessing costs requests.
      const auth = await authenticateApi(request).catch(async (error: unknown) => {
        limitHeaders = rateLimitHeaders(await hitRateLimit(clientKey(request, context, null)));
        throw error;
      });
      const limit = await hitRateLimit(clientKey(request, context, auth?.tokenId ?? null));
      limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) {
        return simpleProblem(
          "api.rate_limited",
          429,
          "api.problem.rate_limited",
          locale,
          instance,
          { key: "api.problem.rate_limited_detail", params: { seconds: limit.reset } },
          { ...limitHeaders, "Retry-After": String(limit.reset) },
        );
      }
      if (spec.scope) {
        if (!auth) throw new DomainError("api.unauthorized");
        if (auth.scopes !== "session" && !auth.scopes.includes(spec.scope)) {
          return simpleProblem(
            "api.scope_missing",
            403,
            "api.problem.scope_missing",
            locale,
            instance,
            { key: "api.problem.scope_missing_detail", params: { scope: spec.scope } },
            limitHeaders,
          );
        }
      }
      if (spec.permission && !can(auth?.actor, spec.permission))
        throw new DomainError("marketplace.forbidden");

      const parsedParams = (spec.params ?? z.object({})).safeParse(params);
      if (!parsedParams.success)
        return withHeaders(fromZodError(parsedParams.error, "params", locale, instance), limitHeaders);
      const parsedQuery = (spec.query ?? z.undefined()).safeParse(
        spec.query ? Object.fromEntries(new URL(request.url).searchParams) : undefined,
      );
      if (!parsedQuery.success)
        return withHeaders(fromZodError(parsedQuery.error, "query", locale, instance), limitHeaders);
      const rawBody = spec.body ? await readJson(request) : undefined;
      const parsedBody = (spec.body ?? z.undefined()).safeParse(rawBody);
      if (!parsedBody.success)
        return withHeaders(fromZodError(parsedBody.error, "body", locale, instance), limitHeaders);

      const run = async (unit?: Unit) => {
        const result = await handler({
          unit,
          actor: auth?.actor ?? null,
          params: parsedParams.data as z.output<P>,
          query: parsedQuery.data as z.output<Q>,
          body: parsedBody.data as z.output<B>,
          request,
          meta: requestMeta(request, context ?? {}),
        });
        return spec.response.parse(JSON.parse(JSON.stringify(result))) as Prisma.InputJsonValue;
      };
      const key = request.headers.get("idempotency-key");
      if (spec.requireIdempotencyKey && !key) throw new DomainError("idempotency.key_invalid");
      let output: Prisma.InputJsonValue;
      if (spec.idempotent && key && auth) {
        // The key row and the service's writes share one transaction: both commit or neither. A
        // parallel retry with the same key waits on the key's row and then replays the result.
        const outcome = await withUnit(
          undefined,
          (unit) =>
            idempotent(
              unit.tx,
              {
                actorId: auth.actor.id,
                key,
                scope: `api:${spec.method} ${spec.path}`,
                request: { params, body: rawBody },
              },
              () => run(unit),
            ),
          { timeout: 30_000 },
        );
        output = outcome.result;
      } else {
        output = await run();
      }
      return new Response(JSON.stringify(output), {
        status: spec.status ?? 200,
        headers: { "Content-Type": "application/json; charset=utf-8", ...limitHeaders },
      });
    } catch (error) {
      if (isDomainError(error)) return withHeaders(fromDomainError(error, locale, instance), limitHeaders);
      throw error;
    }
  }
  const endpoint: ApiEndpoint = { spec: spec as unknown as ApiEndpoint["spec"], handle };
  registry.push(endpoint);
  return endpoint;
}

/** The methods the registry defines for an OpenAPI path, for the `Allow` header. */
function allowedMethods(path: string): HttpMethod[] {
  return [
    ...new Set(
      registry.filter((endpoint) => endpoint.spec.path === path).map((endpoint) => endpoint.spec.method),
    ),
  ].sort();
}

/**
 * The loader or action of an /api/v1 route that lacks one: a 405 problem with an `Allow` header,
 * instead of Remix's plain-text 405. `allowed` names the methods the path does support.
 */
export function methodNotAllowed(allowed: readonly HttpMethod[]) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const allow = (allowed.includes("GET") ? [...allowed, "HEAD"] : [...allowed]).sort();
    return simpleProblem(
      "api.method_not_allowed",
      405,
      "api.problem.method_not_allowed",
      await getLocale(request),
      new URL(request.url).pathname,
      {
        key: "api.problem.method_not_allowed_detail",
        params: { method: request.method, allow: allowed.join(", ") },
      },
      { Allow: allow.join(", ") },
    );
  };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** `?limit=` (1–100, default 20) and an opaque `?cursor=`. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, "api.problem.invalid_request")
    .max(100, "api.problem.invalid_request")
    .default(20),
  cursor: z.string().max(200).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export type CursorValue = string | number | null;

export function encodeCursor(sort: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sort, id])).toString("base64url");
}

/** The (sort value, id) of the last item seen; anything else is a 400. */
export function decodeCursor(cursor: string): { sort: CursorValue; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === "string" &&
      (value[0] === null || ["string", "number"].includes(typeof value[0]))
    ) {
      return { sort: value[0] as CursorValue, id: value[1] };
    }
  } catch {
    // falls through to the refusal
  }
  throw new DomainError("api.invalid_cursor");
}

/**
 * The rows after a cursor in an order by one column then id, nulls last either way (the
 * (value, id) of the last row seen). Dates travel in the cursor as ISO strings.
 */
export function keysetAfter(
  key: KeysetKey,
  cursor: string | undefined,
  idDirection: "asc" | "desc" = "desc",
): Record<string, unknown> {
  if (!cursor) return {};
  const { field, direction, kind, nullable = true } = key;
  const { sort, id } = decodeCursor(cursor);
  const idAfter = { id: { [idDirection === "asc" ? "gt" : "lt"]: id } };
  if (sort === null && nullable) return { [field]: null, ...idAfter };
  const value =
    kind === "date" && typeof sort === "string" && !Number.isNaN(Date.parse(sort))
      ? new Date(sort)
      : kind === "number" && typeof sort === "number"
        ? sort
        : undefined;
  if (value === undefined) throw new DomainError("api.invalid_cursor");
  const beyond = { [field]: { [direction === "asc" ? "gt" : "lt"]: value } };
  return { OR: [beyond, ...(nullable ? [{ [field]: null }] : []), { [field]: value, ...idAfter }] };
}

/** A keyset's column; `nullable: false` for a required column (Prisma refuses `null` there). */
export interface KeysetKey {
  field: string;
  direction: "asc" | "desc";
  kind: "date" | "number";
  nullable?: boolean;
}

/** The page number a cursor carries, for lists that are paged like their web page. */
export function pageFromCursor(cursor: string | undefined, min = 1): number {
  if (!cursor) return min;
  const { sort } = decodeCursor(cursor);
  if (typeof sort !== "number" || !Number.isInteger(sort) || sort < min)
    throw new DomainError("api.invalid_cursor");
  return sort;
}

/** Items fetched with `limit + 1`: the extra one only says that another page exists. */
export function toPage<T>(items: T[], limit: number, cursorOf: (item: T) => [CursorValue, string]) {
  const data = items.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: items.length > limit && last ? encodeCursor(...cursorOf(last)) : null };
}
