import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import type { Actor } from "~/modules/users/permissions";
import { createOrganisation, createUser } from "./factories";

export const meta = { ip: "10.2.0.1" };
export const context = { cspNonce: "test", clientIp: "10.2.0.1" };

/** The actor as a route would see it: role plus memberships. */
export async function actorOf(userId: string): Promise<Actor> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
}

export async function createMember(
  organisationId: string,
  role: Role = "VILLAGE",
  overrides: { displayName?: string } = {},
) {
  const user = await createUser({ role, ...overrides });
  await db.membership.create({ data: { userId: user.id, organisationId, role }, select: { userId: true } });
  return actorOf(user.id);
}

export async function createActor(
  role: Role = "FARMER",
  overrides: { displayName?: string; verified?: boolean } = {},
) {
  const user = await createUser({ role, displayName: overrides.displayName });
  if (overrides.verified)
    await db.user.update({ where: { id: user.id }, data: { verifiedAt: new Date() }, select: { id: true } });
  return actorOf(user.id);
}

/** An unverified organisation with one member, as after registration. */
export async function createOrganisationWithMember(
  type: Parameters<typeof createOrganisation>[0] = "COOPERATIVE",
  role: Role = "VILLAGE",
) {
  const organisation = await createOrganisation(type, false);
  const member = await createMember(organisation.id, role);
  return { organisation, member };
}

export async function cookieFor(userId: string): Promise<string> {
  return (await serializeSessionCookie(await createSession(userId, {}))).split(";")[0]!;
}

export function post(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) body.append(name, item);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie && { cookie }) },
  });
}

export function get(path: string, cookie?: string) {
  return new Request(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });
}

export type Reply = {
  data: { status?: string; error?: Record<string, string[] | null> };
  init: { status: number };
};
