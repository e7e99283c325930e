import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import type { ServiceStatus } from "~/generated/prisma/enums";
import type { ServiceFields } from "~/modules/spaces/spaces.schema";
import type { ServiceRequestFields } from "~/modules/spaces/service-requests.schema";
import { requestService } from "~/modules/spaces/service-requests.server";
import { FOUNDER, createUser } from "./factories";
import { actorFor } from "./offers-factories";

export { actorFor, createBureauStaff, sessionCookieFor } from "./offers-factories";

/** A Star Innovation Space (verified unless told otherwise) and one of its SPACE accounts. */
export async function createSpace({ verified = true, name }: { verified?: boolean; name?: string } = {}) {
  const organisation = await db.organisation.create({
    data: {
      type: "STAR_SPACE",
      name: name ?? `星创天地 ${randomBytes(3).toString("hex")}`,
      countyCode: "410325",
      verifiedAt: verified ? new Date() : null,
    },
    select: { id: true, name: true },
  });
  const user = await createUser({ role: "SPACE", displayName: "星创天地运营" });
  await db.membership.create({
    data: { userId: user.id, organisationId: organisation.id, role: "SPACE", ...FOUNDER },
  });
  return { organisation, actor: await actorFor(user.id) };
}

/** Another SPACE account of an existing space. */
export async function addSpaceAccount(organisationId: string) {
  const user = await createUser({ role: "SPACE" });
  await db.membership.create({ data: { userId: user.id, organisationId, role: "SPACE" } });
  return actorFor(user.id);
}

/** Valid service fields as a service function takes them (prices in fen). */
export function serviceFields(overrides: Partial<ServiceFields> = {}): ServiceFields {
  return {
    category: "QUALITY_TESTING",
    title: "食用菌农残与重金属检测",
    description: "为香菇、木耳等食用菌提供农药残留和重金属检测，出具可用于商超上架的检测报告。",
    industries: ["PLANTING"],
    countiesServed: ["410325"],
    free: false,
    priceMinFen: 30_000,
    priceMaxFen: 120_000,
    turnaroundDays: 7,
    organisationId: undefined,
    ...overrides,
  };
}

/** The same fields as the form posts them (prices in yuan, lists as repeated names). */
export function serviceForm(overrides: Record<string, string | string[]> = {}): [string, string][] {
  const fields: Record<string, string | string[]> = {
    category: "QUALITY_TESTING",
    title: "食用菌农残与重金属检测",
    description: "为香菇、木耳等食用菌提供农药残留和重金属检测，出具可用于商超上架的检测报告。",
    industries: ["PLANTING", "AGRI_PROCESSING"],
    countiesServed: ["410325", "410324"],
    priceMin: "300",
    priceMax: "1200.50",
    turnaroundDays: "7",
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
  );
}

/** A service row written straight to the database, for list and filter tests. */
export async function insertService(
  space: { organisationId: string; postedById: string },
  overrides: Partial<ServiceFields> & { status?: ServiceStatus; publishedAt?: Date; hiddenAt?: Date } = {},
) {
  const {
    organisationId: _ignored,
    status = "PUBLISHED",
    turnaroundDays,
    ...fields
  } = { ...serviceFields(), ...overrides };
  return db.spaceService.create({
    data: {
      ...fields,
      turnaroundDays: turnaroundDays ?? null,
      status,
      organisationId: space.organisationId,
      postedById: space.postedById,
      publishedAt: overrides.publishedAt ?? (status === "DRAFT" ? null : new Date()),
    },
    select: { id: true },
  });
}

/** A farmer in a county (defaults to 栾川县), as a service request's requester. */
export async function createFarmer(countyCode = "410324") {
  const user = await createUser({ role: "FARMER", displayName: "测试农户" });
  await db.user.update({ where: { id: user.id }, data: { countyCode } });
  return actorFor(user.id);
}

/** Valid request fields as requestService takes them. */
export function requestFields(overrides: Partial<ServiceRequestFields> = {}): ServiceRequestFields {
  return {
    description: "我家香菇准备进超市，需要一份农残检测报告。",
    countyCode: "410324",
    audienceGroup: "PROFESSIONAL_FARMER",
    village: "庙子村",
    preferredDate: undefined,
    ...overrides,
  };
}

/** A published service of a fresh space, and a farmer who has asked for it. */
export async function createSubmittedRequest() {
  const space = await createSpace();
  const service = await insertService({ organisationId: space.organisation.id, postedById: space.actor.id });
  const farmer = await createFarmer();
  const { id } = await requestService(farmer, service.id, requestFields());
  return { space, service, farmer, requestId: id };
}
