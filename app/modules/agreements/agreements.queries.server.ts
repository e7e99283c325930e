import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementParty, AgreementStatus } from "~/generated/prisma/enums";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { canTransition } from "~/utils/state-machine";
import { AGREEMENT_TRANSITIONS } from "~/modules/escrow/escrow.states";
import { vestedBp } from "./equity";
import { partyOf } from "~/modules/escrow/parties";
import { AgreementTerms } from "./terms";
import { signerRefusal } from "./agreements.signers.server";

/** Read models of agreements and the equity register, with explicit selects. */

const person = { select: { id: true, displayName: true, verifiedAt: true } } as const;
const organisation = { select: { id: true, name: true, verifiedAt: true } } as const;

const headerSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  applicationId: true,
  needId: true,
  offerId: true,
  reviewWindowDays: true,
  createdAt: true,
  activatedAt: true,
  completedAt: true,
  terminatedAt: true,
  terminationReason: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  payerUser: person,
  payeeUser: person,
  payerOrganisation: organisation,
  payeeOrganisation: organisation,
} as const satisfies Prisma.AgreementSelect;

const versionSelect = {
  id: true,
  version: true,
  status: true,
  terms: true,
  termsHash: true,
  note: true,
  createdAt: true,
  proposedAt: true,
  signedAt: true,
  signatures: {
    select: {
      party: true,
      termsHash: true,
      signedAt: true,
      user: { select: { id: true, displayName: true, verifiedAt: true } },
    },
    orderBy: { signedAt: "asc" },
  },
} as const satisfies Prisma.AgreementVersionSelect;

type Header = Prisma.AgreementGetPayload<{ select: typeof headerSelect }>;
type VersionRow = Prisma.AgreementVersionGetPayload<{ select: typeof versionSelect }>;

function side(user: Header["payerUser"], org: Header["payerOrganisation"]) {
  return {
    user: { id: user.id, name: user.displayName, verified: Boolean(user.verifiedAt) },
    organisation: org ? { id: org.id, name: org.name, verified: Boolean(org.verifiedAt) } : null,
  };
}

function headerView(header: Header) {
  const {
    payerUser,
    payeeUser,
    payerOrganisation,
    payeeOrganisation,
    payerUserId: _pu,
    payeeUserId: _eu,
    payerOrganisationId: _po,
    payeeOrganisationId: _eo,
    ...agreement
  } = header;
  return { agreement, payer: side(payerUser, payerOrganisation), payee: side(payeeUser, payeeOrganisation) };
}

/**
 * A version as people read it. Drafts may be incomplete (a new equity agreement has no
 * enterprise yet), so `complete` says whether the terms validate; the terms are shown as stored.
 */
function versionView(row: VersionRow) {
  const parsed = AgreementTerms.safeParse(row.terms);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    terms: row.terms as unknown as AgreementTerms,
    complete: parsed.success,
    termsHash: row.termsHash,
    note: row.note,
    createdAt: row.createdAt,
    proposedAt: row.proposedAt,
    signedAt: row.signedAt,
    signatures: row.signatures.map((s) => ({
      party: s.party,
      termsHash: s.termsHash,
      signedAt: s.signedAt,
      name: s.user.displayName,
      /** Whether the signer is verified as a person now (the contract states it as it is). */
      verified: s.user.verifiedAt !== null,
    })),
  };
}

export type VersionView = ReturnType<typeof versionView>;

/** Parties see their agreement; bureau staff read it (they rule on disputes). */
async function loadFor(agreementId: string, viewer: Actor) {
  const header = await db.agreement.findUnique({ where: { id: agreementId }, select: headerSelect });
  if (!header) throw new DomainError("agreement.not_found");
  const party = partyOf(viewer, header);
  if (!party && !can(viewer, "dispute.resolve")) throw new DomainError("agreement.not_found");
  return { header, party: party && can(viewer, "agreement.sign") ? party : null };
}

/** The agreement page: the terms in force, the open draft or proposal, history and what the viewer may do. */
export async function getAgreement(agreementId: string, viewer: Actor) {
  const { header, party } = await loadFor(agreementId, viewer);
  const rows = await db.agreementVersion.findMany({
    where: { agreementId },
    select: versionSelect,
    orderBy: { version: "desc" },
  });
  const latest = rows[0]!;
  const signedRow = rows.find((row) => row.status === "SIGNED");
  const pendingRow = latest.status === "DRAFT" || latest.status === "PROPOSED" ? latest : null;
  const pending = pendingRow ? versionView(pendingRow) : null;
  const status: AgreementStatus = header.status;
  const open = status !== "TERMINATED" && status !== "COMPLETED";
  const mySignature = pending?.signatures.some((s) => s.party === party) ?? false;
  const mayBeAskedToSign = Boolean(party && pending?.status === "PROPOSED" && !mySignature);
  const signRefusal = mayBeAskedToSign ? await signerRefusal(db, viewer.id, header, party!) : null;
  return {
    ...headerView(header),
    party,
    inForce: signedRow ? versionView(signedRow) : null,
    pending,
    /** Why this viewer may not sign for their side, said before they type a password. */
    signRefusal,
    versions: rows.map((row) => ({
      version: row.version,
      status: row.status,
      createdAt: row.createdAt,
      proposedAt: row.proposedAt,
      signedAt: row.signedAt,
      note: row.note,
    })),
    can: {
      edit: Boolean(party && open && pending?.status === "DRAFT"),
      propose: Boolean(party && open && pending?.status === "DRAFT" && pending.complete),
      decline: Boolean(party && pending?.status === "PROPOSED" && !mySignature),
      sign: Boolean(party && pending?.status === "PROPOSED" && !mySignature),
      amend: Boolean(party && status === "ACTIVE" && !pending),
      terminate: Boolean(party && canTransition(AGREEMENT_TRANSITIONS, status, "TERMINATED")),
      chat: Boolean(party),
    },
  };
}

export type AgreementPage = Awaited<ReturnType<typeof getAgreement>>;

/** One version, read-only (history, printing). Without a number: the one in force, else the latest. */
export async function getAgreementVersion(agreementId: string, viewer: Actor, versionNumber?: number) {
  const { header, party } = await loadFor(agreementId, viewer);
  const row =
    versionNumber === undefined
      ? ((await db.agreementVersion.findFirst({
          where: { agreementId, status: "SIGNED" },
          select: versionSelect,
        })) ??
        (await db.agreementVersion.findFirst({
          where: { agreementId },
          select: versionSelect,
          orderBy: { version: "desc" },
        })))
      : await db.agreementVersion.findUnique({
          where: { agreementId_version: { agreementId, version: versionNumber } },
          select: versionSelect,
        });
  if (!row) throw new DomainError("agreement.not_found");
  return { ...headerView(header), party, version: versionView(row) };
}

/** The agreements where the viewer is on a side, newest activity first, with what waits on them. */
export async function listMine(viewer: Actor) {
  const villageOrgs = viewer.memberships.filter((m) => m.role === "VILLAGE").map((m) => m.organisationId);
  const institutionOrgs = viewer.memberships
    .filter((m) => m.role === "INSTITUTION")
    .map((m) => m.organisationId);
  const rows = await db.agreement.findMany({
    where: {
      OR: [
        { payerUserId: viewer.id },
        { payeeUserId: viewer.id },
        { payerOrganisationId: { in: villageOrgs } },
        { payeeOrganisationId: { in: institutionOrgs } },
      ],
    },
    select: {
      ...headerSelect,
      updatedAt: true,
      versions: {
        select: { version: true, status: true, signatures: { select: { party: true } } },
        orderBy: { version: "desc" },
        take: 1,
      },
    },
    orderBy: { updatedAt: "desc" },
    take: 200,
  });
  return rows.map(({ versions, updatedAt, ...header }) => {
    const party = partyOf(viewer, header) as AgreementParty;
    const latest = versions[0];
    const awaitingMe = latest?.status === "PROPOSED" && !latest.signatures.some((s) => s.party === party);
    return { ...headerView(header), party, updatedAt, latestStatus: latest?.status ?? null, awaitingMe };
  });
}

/**
 * The equity register (技术入股): technology equity in force, per enterprise, with each holder's
 * share, vesting and the agreement it comes from. Only signed agreements write it.
 */
export async function listEquityRegister(now: Date = new Date()) {
  const holdings = await db.equityHolding.findMany({
    where: { status: "ACTIVE" },
    select: {
      id: true,
      enterpriseName: true,
      enterpriseOrganisationId: true,
      holderUserId: true,
      holderOrganisationId: true,
      percentBp: true,
      valuationFen: true,
      vestingStart: true,
      vestingMonths: true,
      cliffMonths: true,
      createdAt: true,
      agreement: { select: { id: true, number: true, title: true } },
    },
    orderBy: [{ enterpriseName: "asc" }, { createdAt: "asc" }],
  });
  const userIds = holdings.flatMap((h) => (h.holderUserId ? [h.holderUserId] : []));
  const orgIds = holdings.flatMap((h) => (h.holderOrganisationId ? [h.holderOrganisationId] : []));
  const [users, orgs] = await Promise.all([
    db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, displayName: true, verifiedAt: true },
    }),
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const enterprises = new Map<
    string,
    { name: string; totalBp: number; holdings: ReturnType<typeof holdingView>[] }
  >();
  function holdingView(h: (typeof holdings)[number]) {
    const holder = h.holderUserId ? userById.get(h.holderUserId) : undefined;
    return {
      id: h.id,
      holderName: holder?.displayName ?? "",
      holderVerified: Boolean(holder?.verifiedAt),
      holderOrganisation: h.holderOrganisationId ? (orgById.get(h.holderOrganisationId)?.name ?? null) : null,
      percentBp: h.percentBp,
      vestedBp: vestedBp(h, now),
      valuationFen: Number(h.valuationFen),
      vestingStart: h.vestingStart,
      vestingMonths: h.vestingMonths,
      cliffMonths: h.cliffMonths,
      agreement: h.agreement,
    };
  }
  for (const holding of holdings) {
    const entry = enterprises.get(holding.enterpriseName) ?? {
      name: holding.enterpriseName,
      totalBp: 0,
      holdings: [],
    };
    entry.holdings.push(holdingView(holding));
    entry.totalBp += holding.percentBp;
    enterprises.set(holding.enterpriseName, entry);
  }
  return [...enterprises.values()];
}
