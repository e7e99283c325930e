import { markForIndexing } from "~/modules/indexing/outbox.server";
import { revealContact, type RevealOptions, type RevealPlace } from "~/modules/privacy/contact-reveal.server";
import type { ContactDetails } from "~/modules/privacy/masking";
import { db } from "~/db.server";
import type { OrganisationType, Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { isVerifiedViewer } from "~/modules/verification/verified.server";
import { DomainError } from "~/utils/errors";
import type { ExpertProfileInput, ModerationInput, OrganisationProfileInput } from "./profiles.schema";
import type { RequestMeta } from "~/utils/request.server";

/** Organisations whose page lists their experts and offers (成果转化). */
export const INSTITUTION_TYPES: readonly OrganisationType[] = [
  "UNIVERSITY",
  "RESEARCH_INSTITUTE",
  "ENTERPRISE",
];

function isMember(viewer: Actor | null, organisationId: string): boolean {
  return Boolean(viewer?.memberships.some((m) => m.organisationId === organisationId));
}

const publishedOffers = {
  where: { status: "PUBLISHED", hiddenAt: null },
  orderBy: { publishedAt: "desc" },
  take: 20,
  select: { id: true, title: true, kind: true },
} as const;

const organisationPageSelect = {
  id: true,
  type: true,
  name: true,
  nameEn: true,
  countyCode: true,
  village: true,
  description: true,
  mainProducts: true,
  contactPhone: true,
  contactEmail: true,
  address: true,
  verifiedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  memberships: {
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      user: {
        select: {
          id: true,
          displayName: true,
          verifiedAt: true,
          expertProfile: { select: { hiddenAt: true } },
        },
      },
    },
  },
  experts: {
    where: { hiddenAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      userId: true,
      title: true,
      isCommissioner: true,
      user: { select: { displayName: true, verifiedAt: true } },
    },
  },
  offers: { ...publishedOffers, where: { ...publishedOffers.where, expertId: null } },
} as const satisfies Prisma.OrganisationSelect;

/**
 * A profile's contact details: in full to the profile's own people; masked to verified viewers
 * and moderators (entitled), who may reveal them through the logging path; not at all to others.
 */
async function contactView<T extends ContactDetails>(input: {
  viewer: Actor | null;
  subject: { type: "User" | "Organisation"; id: string };
  contact: T;
  own: boolean;
  entitled: boolean;
  place: RevealPlace;
  options: RevealOptions;
}): Promise<{ contact: T | null; contactRevealed: boolean; canRevealContact: boolean }> {
  if (input.own) return { contact: input.contact, contactRevealed: true, canRevealContact: false };
  if (!input.entitled) return { contact: null, contactRevealed: false, canRevealContact: false };
  const view = await revealContact({
    viewerId: input.viewer?.id ?? null,
    subject: input.subject,
    contact: input.contact,
    entitled: true,
    reveal: input.options.reveal ?? false,
    place: input.place,
    ip: input.options.ip,
  });
  return {
    contact: view.contact,
    contactRevealed: view.revealed,
    canRevealContact: view.canReveal && !view.revealed,
  };
}

/**
 * An organisation's public page. Contact details only reach verified viewers; a hidden
 * organisation is "not found" except to its members and to moderators, who see why it is hidden.
 */
export async function getOrganisationPage(
  organisationId: string,
  viewer: Actor | null,
  options: RevealOptions = {},
) {
  const row = await db.organisation.findUnique({
    where: { id: organisationId },
    select: organisationPageSelect,
  });
  if (!row) throw new DomainError("profile.not_found");
  const member = isMember(viewer, row.id);
  const canModerate = can(viewer, "content.moderate");
  if (row.hiddenAt && !member && !canModerate) throw new DomainError("profile.not_found");
  const showContact = await isVerifiedViewer(viewer);
  const {
    contactPhone,
    contactEmail,
    address,
    memberships,
    experts,
    offers,
    hiddenAt,
    hiddenReason,
    ...rest
  } = row;
  const institution = INSTITUTION_TYPES.includes(row.type);
  return {
    organisation: rest,
    ...(await contactView({
      viewer,
      subject: { type: "Organisation", id: row.id },
      contact: { phone: contactPhone, email: contactEmail, address },
      own: member,
      entitled: showContact || canModerate,
      place: "organisation.profile",
      options,
    })),
    members: memberships.map(({ role, user }) => ({
      id: user.id,
      displayName: user.displayName,
      verified: Boolean(user.verifiedAt),
      role,
      // Only an expert profile that exists and is visible gets a link.
      hasProfile: Boolean(user.expertProfile && !user.expertProfile.hiddenAt),
    })),
    experts: institution ? experts : [],
    offers: institution ? offers : [],
    hidden: hiddenAt ? { at: hiddenAt, reason: hiddenReason ?? "" } : null,
    canEdit: member,
    canModerate,
  };
}

/**
 * An expert's public page, by user id. `profile` is null only for the expert themself before they
 * first save it (everyone else gets "not found"). Hidden profiles: as for organisations.
 */
export async function getExpertPage(userId: string, viewer: Actor | null, options: RevealOptions = {}) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      verifiedAt: true,
      expertProfile: {
        select: {
          title: true,
          fields: true,
          specialties: true,
          bio: true,
          affiliationText: true,
          isCommissioner: true,
          countiesServed: true,
          availability: true,
          languages: true,
          contactPhone: true,
          contactEmail: true,
          hiddenAt: true,
          hiddenReason: true,
          affiliation: { select: { id: true, name: true, verifiedAt: true, hiddenAt: true } },
        },
      },
      offersProvided: publishedOffers,
    },
  });
  const isOwner = viewer?.id === userId;
  const canModerate = can(viewer, "content.moderate");
  const profile = user?.expertProfile;
  if (!user || (!profile && !isOwner)) throw new DomainError("profile.not_found");
  if (profile?.hiddenAt && !isOwner && !canModerate) throw new DomainError("profile.not_found");
  const showContact = await isVerifiedViewer(viewer);
  const expert = { id: user.id, displayName: user.displayName, verified: Boolean(user.verifiedAt) };
  if (!profile)
    return {
      expert,
      profile: null,
      contact: null,
      contactRevealed: false,
      canRevealContact: false,
      offers: [],
      hidden: null,
      isOwner,
      canModerate,
    };
  const { contactPhone, contactEmail, hiddenAt, hiddenReason, affiliation, ...rest } = profile;
  return {
    expert,
    profile: {
      ...rest,
      // A hidden organisation is not linked from anywhere public.
      affiliation:
        affiliation && !affiliation.hiddenAt
          ? { id: affiliation.id, name: affiliation.name, verified: Boolean(affiliation.verifiedAt) }
          : null,
    },
    ...(await contactView({
      viewer,
      subject: { type: "User", id: user.id },
      contact: { phone: contactPhone, email: contactEmail },
      own: isOwner,
      entitled: showContact || canModerate,
      place: "expert.profile",
      options,
    })),
    offers: user.offersProvided,
    hidden: hiddenAt ? { at: hiddenAt, reason: hiddenReason ?? "" } : null,
    isOwner,
    canModerate,
  };
}

const organisationEditSelect = {
  id: true,
  name: true,
  type: true,
  nameEn: true,
  description: true,
  mainProducts: true,
  countyCode: true,
  village: true,
  address: true,
  creditCode: true,
  legalRepresentative: true,
  contactPhone: true,
  contactEmail: true,
  verifiedAt: true,
} as const satisfies Prisma.OrganisationSelect;

/** Any member of an organisation may edit its page; nobody else. */
export async function getOrganisationForEdit(actor: Actor, organisationId: string) {
  if (!isMember(actor, organisationId)) throw new DomainError("profile.forbidden");
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: organisationEditSelect,
  });
  if (!organisation) throw new DomainError("profile.not_found");
  return organisation;
}

/**
 * Saves an organisation's page. The name is not editable here: it is what the bureau verified,
 * and a verified badge must not travel to another name.
 */
export async function updateOrganisationProfile(input: {
  actor: Actor;
  organisationId: string;
  fields: OrganisationProfileInput;
  meta: RequestMeta;
}): Promise<void> {
  if (!isMember(input.actor, input.organisationId)) throw new DomainError("profile.forbidden");
  const { fields } = input;
  const data = {
    nameEn: fields.nameEn || null,
    description: fields.description ?? "",
    mainProducts: fields.mainProducts,
    countyCode: fields.countyCode ?? null,
    village: fields.village || null,
    address: fields.address || null,
    creditCode: fields.creditCode ?? null,
    legalRepresentative: fields.legalRepresentative || null,
    contactPhone: fields.contactPhone ?? null,
    contactEmail: fields.contactEmail ?? null,
  };
  await db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({
      where: { id: input.organisationId },
      select: organisationEditSelect,
    });
    if (!before) throw new DomainError("profile.not_found");
    await tx.organisation.update({ where: { id: input.organisationId }, data, select: { id: true } });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "organisation.updated",
      subjectType: "Organisation",
      subjectId: input.organisationId,
      before: pick(before, Object.keys(data)),
      after: data,
      ip: input.meta.ip,
    });
  });
}

function pick<T extends object>(row: T, keys: string[]): Prisma.InputJsonObject {
  return Object.fromEntries(
    keys.map((key) => [key, (row as Record<string, unknown>)[key] ?? null]),
  ) as Prisma.InputJsonObject;
}

function assertExpert(actor: Actor) {
  if (actor.primaryRole !== "EXPERT") throw new DomainError("profile.not_expert");
}

/** The organisations an expert may name as employer: those they are a member of. */
function affiliationOptions(userId: string) {
  return db.organisation.findMany({
    where: { memberships: { some: { userId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

const expertEditSelect = {
  title: true,
  fields: true,
  specialties: true,
  bio: true,
  affiliationId: true,
  affiliationText: true,
  isCommissioner: true,
  countiesServed: true,
  availability: true,
  languages: true,
  contactPhone: true,
  contactEmail: true,
} as const satisfies Prisma.ExpertProfileSelect;

/** The expert's own profile for the edit form (null before the first save), and employer choices. */
export async function getExpertProfileForEdit(actor: Actor) {
  assertExpert(actor);
  const [profile, affiliations] = await Promise.all([
    db.expertProfile.findUnique({ where: { userId: actor.id }, select: expertEditSelect }),
    affiliationOptions(actor.id),
  ]);
  return { profile, affiliations };
}

/**
 * Creates the expert's profile on the first save and updates it afterwards. An employer chosen
 * from the list must be one of the expert's own organisations, so nobody can attach themselves to
 * an institution's page. Commissioner status is not self-declared: the bureau's dispatch sets it.
 */
export async function saveExpertProfile(input: {
  actor: Actor;
  fields: ExpertProfileInput;
  meta: RequestMeta;
}): Promise<{ created: boolean }> {
  assertExpert(input.actor);
  const { fields } = input;
  const affiliationId = fields.affiliationId || null;
  if (affiliationId && !isMember(input.actor, affiliationId))
    throw new DomainError("profile.affiliation_invalid");
  const data = {
    title: fields.title,
    fields: fields.fields,
    specialties: fields.specialties,
    bio: fields.bio ?? "",
    affiliationId,
    affiliationText: affiliationId ? null : fields.affiliationText || null,
    countiesServed: fields.countiesServed,
    availability: fields.availability,
    languages: fields.languages,
    contactPhone: fields.contactPhone ?? null,
    contactEmail: fields.contactEmail ?? null,
  };
  return db.$transaction(async (tx) => {
    const before = await tx.expertProfile.findUnique({
      where: { userId: input.actor.id },
      select: expertEditSelect,
    });
    await tx.expertProfile.upsert({
      where: { userId: input.actor.id },
      create: { userId: input.actor.id, ...data },
      update: data,
      select: { userId: true },
    });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: before ? "expertProfile.updated" : "expertProfile.created",
      subjectType: "ExpertProfile",
      subjectId: input.actor.id,
      ...(before && { before: pick(before, Object.keys(data)) }),
      after: data,
      ip: input.meta.ip,
    });
    await markForIndexing(tx, "experts", input.actor.id);
    return { created: !before };
  });
}

export type ModerationTarget = { kind: "organisation"; id: string } | { kind: "expert"; id: string };

/** Bureau moderation: hide a profile from the public with a reason, or show it again. */
export async function moderateProfile(input: {
  actor: Actor;
  target: ModerationTarget;
  moderation: ModerationInput;
  meta: RequestMeta;
}): Promise<void> {
  if (!can(input.actor, "content.moderate")) throw new DomainError("profile.forbidden");
  const { target, moderation } = input;
  const data =
    moderation.intent === "hide"
      ? { hiddenAt: new Date(), hiddenReason: moderation.reason }
      : { hiddenAt: null, hiddenReason: null };
  const select = { hiddenAt: true, hiddenReason: true } as const;
  await db.$transaction(async (tx) => {
    const before =
      target.kind === "organisation"
        ? await tx.organisation.findUnique({ where: { id: target.id }, select })
        : await tx.expertProfile.findUnique({ where: { userId: target.id }, select });
    if (!before) throw new DomainError("profile.not_found");
    if (target.kind === "organisation")
      await tx.organisation.update({ where: { id: target.id }, data, select: { id: true } });
    else await tx.expertProfile.update({ where: { userId: target.id }, data, select: { userId: true } });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: `${target.kind === "organisation" ? "organisation" : "expertProfile"}.${moderation.intent === "hide" ? "hidden" : "unhidden"}`,
      subjectType: target.kind === "organisation" ? "Organisation" : "ExpertProfile",
      subjectId: target.id,
      before: { hiddenAt: before.hiddenAt?.toISOString() ?? null, hiddenReason: before.hiddenReason },
      after: { hiddenAt: data.hiddenAt?.toISOString() ?? null, hiddenReason: data.hiddenReason },
      ip: input.meta.ip,
    });
    if (target.kind === "expert") await markForIndexing(tx, "experts", target.id);
  });
}
