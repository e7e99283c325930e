import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { nextContractNumber } from "~/modules/agreements/agreements.server";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { termsHash } from "~/modules/agreements/terms-hash.server";
import { DAY } from "./demo-timeline";

/** The demo's parties to an agreement: the cooperative (its head signs for it) and the expert. */
export interface DemoParties {
  coopOrganisationId: string;
  villageHeadId: string;
  expertId: string;
}

/**
 * A demo agreement in which the cooperative pays the expert, its first version signed by both on
 * `signedAt` as the signing page records it: drafted two days before, proposed one day before.
 * The caller adds the status, what it links to, and milestones created at `createdAt`.
 */
export async function signedAgreementData(tx: Tx, terms: AgreementTerms, ids: DemoParties, signedAt: Date) {
  const hash = termsHash(terms);
  const createdAt = new Date(signedAt.getTime() - 2 * DAY);
  const proposedAt = new Date(signedAt.getTime() - DAY);
  return {
    number: await nextContractNumber(tx, createdAt),
    createdAt,
    title: terms.title,
    payerOrganisationId: ids.coopOrganisationId,
    payerUserId: ids.villageHeadId,
    payeeUserId: ids.expertId,
    createdById: ids.villageHeadId,
    activatedAt: signedAt,
    versions: {
      create: {
        version: 1,
        terms,
        termsHash: hash,
        status: "SIGNED",
        createdById: ids.villageHeadId,
        createdAt,
        proposedAt,
        signedAt,
        signatures: {
          create: [
            { userId: ids.villageHeadId, party: "PAYER", termsHash: hash, signedAt },
            { userId: ids.expertId, party: "PAYEE", termsHash: hash, signedAt },
          ],
        },
      },
    },
  } satisfies Partial<Prisma.AgreementUncheckedCreateInput>;
}
