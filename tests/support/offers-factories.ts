import { db } from "~/db.server";
import type { OfferStatus } from "~/generated/prisma/enums";
import type { OfferFields } from "~/modules/offers/offers.schema";
import type { Actor } from "~/modules/users/permissions";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { FOUNDER, createOrganisation, createUser } from "./factories";

/** The user as the services see them: role and memberships. */
export async function actorFor(userId: string): Promise<Actor> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
}

/** An expert, verified by the bureau unless told otherwise, optionally affiliated with an institution. */
export async function createExpert({
  verified = true,
  affiliationId,
}: { verified?: boolean; affiliationId?: string } = {}) {
  const user = await createUser({ role: "EXPERT", displayName: "测试专家" });
  await db.user.update({ where: { id: user.id }, data: { verifiedAt: verified ? new Date() : null } });
  if (affiliationId)
    await db.membership.create({ data: { userId: user.id, organisationId: affiliationId, role: "EXPERT" } });
  return actorFor(user.id);
}

/** A university and one of its institution accounts. */
export async function createInstitutionMember({ verified = true }: { verified?: boolean } = {}) {
  const organisation = await createOrganisation("UNIVERSITY", verified);
  const user = await createUser({ role: "INSTITUTION", displayName: "测试高校账户" });
  await db.membership.create({
    data: { userId: user.id, organisationId: organisation.id, role: "INSTITUTION", ...FOUNDER },
  });
  return { actor: await actorFor(user.id), organisation };
}

export async function createBureauStaff() {
  const user = await createUser({ role: "BUREAU", displayName: "市科技局" });
  return actorFor(user.id);
}

/** Valid offer fields as a service takes them (prices in fen). */
export function offerFields(overrides: Partial<OfferFields> = {}): OfferFields {
  return {
    kind: "TECHNOLOGY",
    title: "香菇菌棒污染防治技术",
    description: "针对栾川县香菇菌棒绿霉污染问题，提供全程防治方案和现场指导。",
    industry: "PLANTING",
    countiesServed: ["410324"],
    arrangements: ["PAID_SERVICE"],
    priceMinFen: null,
    priceMaxFen: null,
    organisationId: undefined,
    ...overrides,
  };
}

/** The same fields as the form posts them (prices in yuan, lists as repeated names). */
export function offerForm(overrides: Record<string, string | string[]> = {}): [string, string][] {
  const fields: Record<string, string | string[]> = {
    kind: "TECHNOLOGY",
    title: "香菇菌棒污染防治技术",
    description: "针对栾川县香菇菌棒绿霉污染问题，提供全程防治方案和现场指导。",
    industry: "PLANTING",
    countiesServed: ["410324", "410325"],
    arrangements: ["PAID_SERVICE", "TECH_CONTRACT"],
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
  );
}

/** An offer row written straight to the database, for list and filter tests. */
export async function insertOffer(
  provider: { expertId?: string | null; organisationId?: string | null; postedById: string },
  overrides: Partial<OfferFields> & { status?: OfferStatus; publishedAt?: Date; hiddenAt?: Date } = {},
) {
  const { organisationId: _ignored, status = "PUBLISHED", ...fields } = { ...offerFields(), ...overrides };
  return db.offer.create({
    data: {
      ...fields,
      status,
      expertId: provider.expertId ?? null,
      organisationId: provider.organisationId ?? null,
      postedById: provider.postedById,
      publishedAt: overrides.publishedAt ?? (status === "DRAFT" ? null : new Date()),
    },
    select: { id: true },
  });
}

/** The Cookie header of a logged-in request for this user. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const sessionId = await createSession(userId, { ip: "10.2.0.1" });
  return (await serializeSessionCookie(sessionId)).split(";")[0]!;
}
