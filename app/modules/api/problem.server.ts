import type { z } from "zod";
import { isMessageKey, translate, type Locale, type MessageKey, type Params } from "~/i18n/i18n";
import type { DomainError } from "~/utils/errors";

export interface ProblemFieldError {
  /** JSON Pointer into the body (RFC 6901), or the query/path parameter's name. */
  pointer?: string;
  field?: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: ProblemFieldError[];
}

/** RFC 9457 problem details; `type` points at the problem's entry in the API reference. */
export function problemResponse(
  problem: Omit<Problem, "type"> & { code: string },
  headers: Record<string, string> = {},
): Response {
  const body: Problem = { type: `/api/v1/docs#problem-${problem.code}`, ...problem };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", ...headers },
  });
}

export function fromDomainError(error: DomainError, locale: Locale, instance: string): Response {
  const title = translate(locale, error.messageKey, error.params);
  const errors = error.field ? [{ pointer: `/${error.field}`, message: title }] : undefined;
  const detail =
    error.code === "api.unauthorized" ? translate(locale, "api.problem.unauthorized_detail") : undefined;
  const headers: Record<string, string> =
    error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="xiangke"' } : {};
  return problemResponse(
    { code: error.code, status: error.status, title, detail, instance, errors },
    headers,
  );
}

/**
 * An issue's message in the caller's language: the schema's own message key when it has one,
 * else a message for the kind of issue (zod's built-in English never reaches a caller).
 */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(locale, issue.message);
  const origin = "origin" in issue ? issue.origin : undefined;
  const list = origin === "array" || origin === "set";
  const text = origin === "string";
  switch (issue.code) {
    case "too_big":
      return translate(locale, text ? "errors.too_long" : list ? "errors.too_many" : "errors.too_large", {
        max: String(issue.maximum),
      });
    case "too_small":
      if (text && Number(issue.minimum) <= 1) return translate(locale, "errors.required");
      return translate(locale, text ? "errors.too_short" : list ? "errors.too_few" : "errors.too_small", {
        min: String(issue.minimum),
      });
    case "invalid_type":
      return translate(
        locale,
        /received undefined$/.test(issue.message) ? "errors.required" : "errors.invalid_type",
      );
    case "invalid_value":
    case "invalid_union":
      return translate(locale, "errors.invalid_choice");
    case "unrecognized_keys":
      return translate(locale, "errors.unknown_field", { keys: issue.keys.join(", ") });
    default:
      return translate(locale, "errors.invalid_input");
  }
}

/** A zod failure: where each message belongs, translated. Body issues get JSON Pointers. */
export function fromZodError(
  error: z.ZodError,
  where: "body" | "query" | "params",
  locale: Locale,
  instance: string,
): Response {
  const errors = error.issues.map((issue) => {
    const message = issueMessage(issue, locale);
    const path = issue.path.map(String);
    return where === "body"
      ? {
          pointer: `/${path.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`,
          message,
        }
      : { field: path.join("."), message };
  });
  return problemResponse({
    code: "api.invalid_request",
    status: 400,
    title: translate(locale, "api.problem.invalid_request"),
    instance,
    errors,
  });
}

export function simpleProblem(
  code: string,
  status: number,
  title: MessageKey,
  locale: Locale,
  instance: string,
  detail?: { key: MessageKey; params?: Params },
  headers: Record<string, string> = {},
): Response {
  return problemResponse(
    {
      code,
      status,
      title: translate(locale, title),
      detail: detail && translate(locale, detail.key, detail.params),
      instance,
    },
    headers,
  );
}
