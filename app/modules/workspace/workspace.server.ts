import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recommendNeedsForExpert } from "~/modules/matching/matching.server";
import { listMyOffers } from "~/modules/offers/offers.server";
import { listMyServices } from "~/modules/spaces/spaces.server";
import { can, type Actor } from "~/modules/users/permissions";

/** My needs: those of my village organisations and my personal ones, newest first, with applications by state. */
export async function listMyNeeds(actor: Actor) {
  const organisationIds = actor.memberships
    .filter((m) => m.role === "VILLAGE" || m.role === "FARMER")
    .map((m) => m.organisationId);
  const needs = await db.need.findMany({
    where: {
      OR: [{ organisationId: { in: organisationIds } }, { organisationId: null, postedById: actor.id }],
    },
    select: {
      id: true,
      title: true,
      status: true,
      kind: true,
      updatedAt: true,
      hiddenAt: true,
      organisation: { select: { name: true } },
      applications: { select: { status: true } },
    },
    orderBy: { updatedAt: "desc" },
    take: 100,
  });
  return needs.map(({ applications, ...need }) => ({
    ...need,
    applicationCount: applications.length,
    waiting: applications.filter((a) => a.status === "SUBMITTED" || a.status === "SHORTLISTED").length,
  }));
}

/** My applications as an expert, with the need they are for. */
const myApplicationSelect = {
  id: true,
  status: true,
  priceFen: true,
  updatedAt: true,
  need: { select: { id: true, title: true, status: true, organisation: { select: { name: true } } } },
  agreement: { select: { id: true } },
} as const;

export function listMyApplications(expertId: string) {
  return db.application.findMany({
    where: { expertId },
    select: myApplicationSelect,
    orderBy: { updatedAt: "desc" },
    take: 100,
  });
}

/**
 * The same list a page at a time for the open API: `after` narrows to the rows past the last
 * one seen (latest change first, ties by id), `take` is the page size plus one.
 */
export function listMyApplicationsPage(
  expertId: string,
  { after = {}, take }: { after?: Prisma.ApplicationWhereInput; take: number },
) {
  return db.application.findMany({
    where: { AND: [{ expertId }, after] },
    select: myApplicationSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take,
  });
}

export async function getWorkspace(actor: Actor) {
  const posts = can(actor, "need.post");
  const applies = can(actor, "application.submit") && actor.primaryRole !== "ADMIN";
  const offers = can(actor, "offer.post") && actor.primaryRole !== "ADMIN";
  const spaces = can(actor, "space.manageServices") && actor.primaryRole !== "ADMIN";
  const [needs, applications, myOffers, recommended, services] = await Promise.all([
    posts && actor.primaryRole !== "ADMIN" ? listMyNeeds(actor) : Promise.resolve(null),
    applies ? listMyApplications(actor.id) : Promise.resolve(null),
    offers ? listMyOffers(actor.id) : Promise.resolve(null),
    applies ? recommendNeedsForExpert(actor.id) : Promise.resolve(null),
    spaces ? listMyServices(actor) : Promise.resolve(null),
  ]);
  return { needs, applications, offers: myOffers, recommended, services };
}
