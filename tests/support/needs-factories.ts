import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import type { SessionUser } from "~/modules/users/session.server";
import { NeedFormSchema, type NeedFields } from "~/modules/needs/needs.schema";
import { createNeed } from "~/modules/needs/needs.server";
import { FOUNDER, createUser } from "./factories";

/** The actor shape services take, read back from the database like a session would. */
export async function actorOf(userId: string): Promise<SessionUser> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      email: true,
      phone: true,
      primaryRole: true,
      countyCode: true,
      // In the order the session read gives them (app/modules/users/session.server.ts).
      memberships: { select: { organisationId: true, role: true }, orderBy: { organisationId: "asc" } },
    },
  });
}

/** A cooperative with one village-role member; verified unless told otherwise. */
export async function createVillage({ verified = true } = {}) {
  const organisation = await db.organisation.create({
    data: {
      type: "COOPERATIVE",
      name: `合作社 ${randomBytes(3).toString("hex")}`,
      countyCode: "410324",
      verifiedAt: verified ? new Date() : null,
    },
    select: { id: true, name: true },
  });
  const head = await createUser({ role: "VILLAGE" });
  // The head signs for the cooperative: verified as a person along with it.
  if (verified) await db.user.update({ where: { id: head.id }, data: { verifiedAt: new Date() } });
  // The head registered the cooperative: its administrator, holding the finance permission.
  await db.membership.create({
    data: { userId: head.id, organisationId: organisation.id, role: "VILLAGE", ...FOUNDER },
  });
  return { organisation, head: await actorOf(head.id) };
}

export async function addMember(organisationId: string, role: Role = "FARMER") {
  const user = await createUser({ role });
  await db.membership.create({ data: { userId: user.id, organisationId, role } });
  return actorOf(user.id);
}

export async function createExpert({ verified = true } = {}) {
  const user = await createUser({ role: "EXPERT", displayName: `专家 ${randomBytes(2).toString("hex")}` });
  if (verified) await db.user.update({ where: { id: user.id }, data: { verifiedAt: new Date() } });
  return actorOf(user.id);
}

export async function createBureau() {
  const user = await createUser({ role: "BUREAU" });
  return actorOf(user.id);
}

/** Valid need fields, parsed through the real form schema; override what a test cares about. */
export function needFields(overrides: Record<string, unknown> = {}): NeedFields {
  const parsed = NeedFormSchema.parse({
    title: "香菇菌棒污染防治技术指导",
    description: "今年春季菌棒污染率超过三成，需要专家现场诊断并指导消毒和接种流程。",
    industry: "PLANTING",
    countyCode: "410324",
    budgetMin: "5000",
    budgetMax: "20000",
    arrangements: ["TECH_CONTRACT", "PAID_SERVICE"],
    ...overrides,
  });
  const { intent: _i, photos: _p, removePhotoIds: _r, organisationId: _o, ...fields } = parsed;
  return fields;
}

export const meta = { ip: "10.3.0.1" };

/** A need published by a fresh cooperative, titled `title` (the rest from needFields). */
export async function publishedNeed(title: string) {
  const { organisation, head } = await createVillage();
  return createNeed({
    actor: head,
    organisationId: organisation.id,
    fields: needFields({ title }),
    photos: [],
    publish: true,
    meta,
  });
}
