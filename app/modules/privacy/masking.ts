/**
 * The one masking of contact details for people who are not entitled to see them in full:
 * a mainland mobile keeps its first three and last four digits (138****0001), an ID number its
 * region (first four) and last four (4103**********1234), an e-mail its first letter and domain.
 * Full details reach a viewer only through revealContact (contact-reveal.server.ts), which logs.
 */

export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, "").replace(/[\s-]/g, "");
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return "*".repeat(digits.length);
  return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
}

export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim().toUpperCase();
  if (value.length <= 8) return "*".repeat(value.length);
  return `${value.slice(0, 4)}${"*".repeat(value.length - 8)}${value.slice(-4)}`;
}

/** Only the last four characters are stored of an ID number: show them in the masked form. */
export function maskIdLast4(last4: string): string {
  return `${"*".repeat(14)}${last4}`;
}

/**
 * A person's name as everyone not entitled sees it: the first character (the family name) and
 * two stars whatever the length, so neither the given name nor its length shows (张三丰 → 张**).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return "";
  return `${chars[0]}**`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

export interface ContactDetails {
  phone: string | null;
  email: string | null;
}

export function maskContact<T extends ContactDetails>(contact: T): T {
  return {
    ...contact,
    phone: contact.phone === null ? null : maskPhone(contact.phone),
    email: contact.email === null ? null : maskEmail(contact.email),
  };
}

/**
 * A person's name for viewers not entitled to it (a household head on benefit-linkage pages):
 * the first character (the surname) and one star per further character, 张三丰 → 张**.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}
