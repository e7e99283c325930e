import { canManageNeed } from "~/modules/needs/needs.server";
import type { NewNotification } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";

/** The lead, the owner and the bureau; the other side of whoever acted is told. */
export function notifyOthers(
  actorId: string,
  project: { id: string; leadUserId: string; ownerUserId: string },
  item: Omit<NewNotification, "userId" | "href">,
): NewNotification[] {
  return [...new Set([project.leadUserId, project.ownerUserId])]
    .filter((userId) => userId !== actorId)
    .map((userId) => ({ ...item, userId, href: `/brands/${project.id}` }));
}

export function mayWork(
  actor: Actor | null,
  project: { leadUserId: string; ownerUserId: string; ownerOrganisationId: string | null },
): boolean {
  if (!actor) return false;
  if (actor.id === project.leadUserId || actor.id === project.ownerUserId || can(actor, "brand.manage"))
    return true;
  return (
    project.ownerOrganisationId !== null &&
    canManageNeed(actor, { organisationId: project.ownerOrganisationId, postedById: project.ownerUserId })
  );
}
