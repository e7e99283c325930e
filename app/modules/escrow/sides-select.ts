import type { Prisma } from "~/generated/prisma/client";

/** The agreement's columns that `partyOf` reads to tell which side someone acts for. */
export const agreementSidesSelect = {
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
} as const satisfies Prisma.AgreementSelect;
