/**
 * The privacy rules in one place: the notice version people agree to, the sensitive items that
 * need their own consent, and how long each kind of record is kept. The privacy page, the
 * retention job and the tests read them from here (docs/decisions/030-personal-information.md).
 */

/** Raise when the notice at /privacy changes in substance: consents record which one was agreed. */
export const PRIVACY_NOTICE_VERSION = "2026-12-06";

/** Sensitive personal information (PIPL art. 28) asked for separately, where it is used. */
export const SENSITIVE_PURPOSES = ["ID_NUMBER", "VOICE", "LOCATION"] as const;
export type SensitivePurpose = (typeof SENSITIVE_PURPOSES)[number];

/** A person may download their data this many times an hour: each one reads all their files. */
export const EXPORTS_PER_HOUR = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days each kind of record is kept before the retention job erases it. */
export const RETENTION_DAYS = {
  /** Audit rows: three years, the limitation period for civil claims (民法典 art. 188). */
  audit: 3 * 365,
  /** Login and claim-code attempts: long enough to investigate a guessing attack. */
  loginAttempts: 90,
  /** Voice notes in chat: a year; those kept as a proxy posting's consent stay with the need. */
  voiceNotes: 365,
  /** A deleted account's remaining row, once nothing the law keeps refers to it any more. */
  deletedAccounts: 30,
} as const;

export type RetentionKind = keyof typeof RETENTION_DAYS;

/** The moment before which records of a kind are due for erasure. */
export function retentionCutoff(kind: RetentionKind, now: Date): Date {
  return new Date(now.getTime() - RETENTION_DAYS[kind] * DAY_MS);
}

/** What a deleted person is called where their name must stay (contracts, the ledger). */
export function deletedUserName(number: number): string {
  return `已注销用户 #${number}`;
}
