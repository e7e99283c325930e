import { redirect } from "@remix-run/node";
import { oncePerRequest } from "~/utils/request-scope.server";
import { can, type Permission } from "./permissions";
import { getSessionUser, readSessionId, type SessionUser } from "./session.server";

type SessionLookup = { user: SessionUser; sessionId: string } | null;

// The root loader and the page's own loader both ask who is logged in. Remix gives each loader
// its own Request, so the session is read once per reading HTTP request through the server's
// request scope (app/utils/request-scope.server.ts, keyed by the cookie, which cannot change
// within one request), and once per Request object outside it.
const lookups = new WeakMap<Request, Promise<SessionLookup>>();

function sessionOf(request: Request): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const cookie = request.headers.get("cookie");
    lookup = oncePerRequest(`session:${cookie ?? ""}`, async () => {
      const sessionId = await readSessionId(cookie);
      const user = sessionId ? await getSessionUser(sessionId) : null;
      return user && sessionId ? { user, sessionId } : null;
    });
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await sessionOf(request))?.user ?? null;
}

/** The logged-in user with the session id, or a redirect to the login page that comes back here. */
export async function requireSession(request: Request): Promise<{ user: SessionUser; sessionId: string }> {
  const session = await sessionOf(request);
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return session;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

export async function requirePermission(
  request: Request,
  permission: Permission,
  scope?: { organisationId: string },
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission, scope)) throw new Response("Forbidden", { status: 403 });
  return user;
}
