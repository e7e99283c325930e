import { redirect } from "@remix-run/node";
import { can, type Permission } from "./permissions";
import { getSessionUser, readSessionId, type SessionUser } from "./session.server";

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request.headers.get("cookie"));
  return sessionId ? getSessionUser(sessionId) : null;
}

/** The logged-in user with the session id, or a redirect to the login page that comes back here. */
export async function requireSession(request: Request): Promise<{ user: SessionUser; sessionId: string }> {
  const sessionId = await readSessionId(request.headers.get("cookie"));
  const user = sessionId ? await getSessionUser(sessionId) : null;
  if (!user || !sessionId) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return { user, sessionId };
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
