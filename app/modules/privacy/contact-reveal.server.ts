import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { maskContact, type ContactDetails } from "./masking";

/** The pages and exports that may show full contact details, as written in the audit row. */
export type RevealPlace =
  "organisation.profile" | "expert.profile" | "need.proxy" | "bureau.informants" | "bureau.verification";

/** What a page passes down when it may show contact details. */
export interface RevealOptions {
  /** The viewer asked for the full contact details (?reveal=contact): logged when shown. */
  reveal?: boolean;
  ip?: string | null;
}

export interface ContactView<T extends ContactDetails> {
  contact: T;
  /** True when `contact` is in full (and a "contact.viewed" audit row says who saw it). */
  revealed: boolean;
  /** True when the viewer may ask for the full details (a link with ?reveal=contact). */
  canReveal: boolean;
}

/**
 * The one path by which full contact details reach someone other than their owner. Everyone
 * sees them masked; an entitled viewer who asks (`reveal`) sees them in full, and the view is
 * written to the audit log: who saw whose contact, on which page.
 */
export async function revealContact<T extends ContactDetails>(input: {
  viewerId: string | null;
  subject: { type: "User" | "Organisation" | "ProxyPosting"; id: string };
  contact: T;
  entitled: boolean;
  reveal: boolean;
  place: RevealPlace;
  ip?: string | null;
}): Promise<ContactView<T>> {
  const canReveal = input.entitled && input.viewerId !== null;
  if (!canReveal || !input.reveal || (input.contact.phone === null && input.contact.email === null)) {
    return { contact: maskContact(input.contact), revealed: false, canReveal };
  }
  await recordAudit(db, {
    actorId: input.viewerId,
    action: "contact.viewed",
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    after: {
      place: input.place,
      fields: [
        input.contact.phone !== null ? "phone" : null,
        input.contact.email !== null ? "email" : null,
      ].filter((field): field is string => field !== null),
    },
    ip: input.ip ?? null,
  });
  return { contact: input.contact, revealed: true, canReveal };
}

/** True when the request asks for full contact details (`?reveal=contact`). */
export function wantsReveal(request: Request): boolean {
  return new URL(request.url).searchParams.get("reveal") === "contact";
}
