import { canonicalJson, sha256 } from "~/modules/ledger/idempotency.server";
import type { AgreementTerms } from "./terms";

/** What a signature signs: the SHA-256 (hex) of the terms' canonical JSON (sorted keys). */
export function termsHash(terms: AgreementTerms): string {
  return sha256(canonicalJson(terms));
}
