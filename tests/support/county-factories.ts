import { createUser } from "./factories";
import { actorOf } from "./needs-factories";
import { sessionCookieFor } from "./offers-factories";

/** A county science bureau officer of the county, as sessions see them, with a session cookie. */
export async function createCountyOfficer(countyCode: string) {
  const officer = await actorOf((await createUser({ role: "COUNTY", countyCode })).id);
  return { officer, cookie: await sessionCookieFor(officer.id) };
}

/** Calls a route's loader or action as the holder of the cookie; a thrown Response is returned. */
export async function callRoute(
  handler: (args: never) => unknown,
  {
    url,
    cookie,
    params = {},
    form,
  }: { url: string; cookie: string; params?: Record<string, string>; form?: Record<string, string> },
): Promise<unknown> {
  const request = new Request(`http://localhost${url}`, {
    method: form ? "POST" : "GET",
    headers: { cookie, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
  try {
    return await (handler as (args: unknown) => unknown)({
      request,
      params,
      context: { cspNonce: "t", clientIp: "10.6.0.1" },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The status of what a route answered: a Response's, a `data()` result's, or 200. */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
}
