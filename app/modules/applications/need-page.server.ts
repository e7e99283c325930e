import { brandProjectOfNeed, mayStartBrand } from "~/modules/creative/brands.server";
import type { RevealOptions } from "~/modules/privacy/contact-reveal.server";
import { recommendForNeed } from "~/modules/matching/matching.server";
import { isInvitedToApply } from "~/modules/negotiation/invitations.server";
import { listRevisions } from "~/modules/negotiation/revisions.server";
import { getNeedForViewer } from "~/modules/needs/needs.queries.server";
import { needReachView, readNeedReach } from "~/modules/reach/reach-view.server";
import type { Actor } from "~/modules/users/permissions";
import { can } from "~/modules/users/permissions";
import { getOwnApplication } from "./applications.server";

/*
 * The need page gathers what its viewer may do with the need: the organisation that manages
 * it, the bureau that moderates it, an expert who may apply. It lives here rather than in the
 * needs module because applying is what most of it is about, and needs must not depend on
 * applications.
 */
export async function needPageData({
  viewer,
  needId,
  reveal = {},
}: {
  viewer: Actor | null;
  needId: string;
  reveal?: RevealOptions;
}) {
  // The reach module's part is asked beside the need, not after it; who may see what is decided below.
  const [{ need, manages, moderates }, reachRead] = await Promise.all([
    getNeedForViewer(needId, viewer),
    readNeedReach(needId),
  ]);
  const isExpert = can(viewer, "application.submit") && !manages;
  const ownApplication = viewer && isExpert ? await getOwnApplication(need.id, viewer.id) : null;
  // An invitation-only need takes applications from invited or triage-assigned experts only.
  const invited =
    !need.invitationOnly || (viewer && isExpert ? await isInvitedToApply(need.id, viewer.id) : false);
  const revisions = ownApplication
    ? ((await listRevisions([ownApplication.id]))[ownApplication.id] ?? [])
    : [];
  // Those who choose (the need's organisation, the bureau) see who would fit and why.
  const recommendations =
    (manages || moderates) && need.status === "OPEN" ? await recommendForNeed(need.id) : null;
  // A branding request links to its brand project, or lets those who may start one do so.
  const brandProject = need.kind === "BRANDING" ? await brandProjectOfNeed(need.id) : null;
  const brandLink = brandProject
    ? `/brands/${brandProject.id}`
    : mayStartBrand(viewer, need)
      ? `/brands/new?need=${need.id}`
      : null;
  const reach = await needReachView(need, reachRead, viewer, reveal);
  return {
    reach,
    need,
    manages,
    moderates,
    isExpert,
    ownApplication,
    invited,
    revisions,
    recommendations,
    brandLink,
    startsBrand: !brandProject,
    loggedIn: Boolean(viewer),
  };
}
