import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementStatus } from "~/generated/prisma/enums";
import { RevenueShareTerms } from "~/modules/agreements/terms";
import type { NewNotification } from "~/modules/notifications/notifications.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { partyOf } from "~/modules/escrow/parties";

/** Revenue is shared while the agreement runs; a milestone dispute (DISPUTED) does not stop it. */
export const SHARING_STATES: readonly AgreementStatus[] = ["ACTIVE", "DISPUTED"];

export const agreementSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  // The terms in force: the latest version both parties signed.
  versions: { where: { status: "SIGNED" }, orderBy: { version: "desc" }, take: 1, select: { terms: true } },
} as const satisfies Prisma.AgreementSelect;

export type AgreementRow = Prisma.AgreementGetPayload<{ select: typeof agreementSelect }>;

type RevenueShareComponent = RevenueShareTerms;

/**
 * The REVENUE_SHARE components of a signed version's terms, with their index among all
 * components. Each is checked again with the terms schema before money moves on it.
 */
export function revenueComponents(terms: unknown): { index: number; component: RevenueShareComponent }[] {
  const components = (terms as { components?: unknown } | null)?.components;
  if (!Array.isArray(components)) return [];
  return components.flatMap((raw, index) => {
    const parsed = RevenueShareTerms.safeParse(raw);
    return parsed.success ? [{ index, component: parsed.data }] : [];
  });
}

/** The paying side: the agreement's payer, or a village-role member of the paying organisation. */
export function isPayerSide(actor: Actor, agreement: AgreementRow): boolean {
  return partyOf(actor, agreement) === "PAYER";
}

export async function payerSideUsers(
  tx: Tx,
  agreement: Pick<AgreementRow, "payerUserId" | "payerOrganisationId">,
): Promise<string[]> {
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

export function notify(
  userIds: string[],
  agreement: AgreementRow,
  notification: Pick<NewNotification, "type" | "params">,
): NewNotification[] {
  return userIds.map((userId) => ({ ...notification, userId, href: `/agreements/${agreement.id}` }));
}

export async function loadAgreement(client: Tx, agreementId: string): Promise<AgreementRow> {
  const agreement = await client.agreement.findUnique({
    where: { id: agreementId },
    select: agreementSelect,
  });
  if (!agreement) throw new DomainError("revenue.not_found");
  return agreement;
}

export function componentOf(agreement: AgreementRow, index: number): RevenueShareComponent {
  const found = revenueComponents(agreement.versions[0]?.terms).find((item) => item.index === index);
  if (!found) throw new DomainError("revenue.no_component");
  return found.component;
}
