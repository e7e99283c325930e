/**
 * Check digits of the two identity numbers people type during verification. Both are fixed-length
 * codes with a checksum, so a mistyped character is caught before the bureau ever sees it.
 */

/** GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, S, V, Z). */
const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Position 1 is the registering authority, 2 the kind of entity, 3–8 the division code (digits).
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper-cases and drops spaces, the way codes are copied from a licence. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

export function isValidCreditCode(raw: string): boolean {
  const code = normaliseCode(raw);
  if (!CREDIT_CODE_SHAPE.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(code[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return code[17] === CREDIT_CODE_CHARSET[check];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character (a digit or X). */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseCode(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return id[17] === ID_CHECK[sum % 11];
}
