import type { MessageKey } from "~/i18n/i18n";

/** What a token may do. Cookie sessions hold every scope; the roles still decide. */
export const SCOPES = [
  "needs:read",
  "needs:write",
  "offers:read",
  "offers:write",
  "services:read",
  "services:write",
  "search:read",
  "applications:read",
  "applications:write",
  "programmes:read",
  "programmes:write",
  "dashboard:read",
  "messages:read",
  "messages:write",
  "agreements:read",
  "money:write",
  "statements:read",
  // financing (issue 23)
  "financing:read",
  "financing:write",
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function scopeLabel(scope: Scope): MessageKey {
  return `api.scope.${scope}`;
}
