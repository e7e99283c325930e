/** Where an account's statement is shown (used by pages on the server and in the browser). */
export function walletHref(accountId: string): string {
  return `/wallet/${encodeURIComponent(accountId)}`;
}
