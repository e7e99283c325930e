import type { z } from "zod";
import { translate, translateMaybe, type Locale, type MessageKey, type Params } from "~/i18n/i18n";
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

/** A zod failure: where each message belongs, translated. Body issues get JSON Pointers. */
export function fromZodError(
  error: z.ZodError,
  where: "body" | "query" | "params",
  locale: Locale,
  instance: string,
): Response {
  const errors = error.issues.map((issue) => {
    const message = translateMaybe(locale, issue.message);
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
