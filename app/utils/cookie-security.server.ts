import { getEnv } from "~/env.server";

/**
 * Whether cookies carry `Secure`: COOKIE_SECURE when set, else in production. Every cookie the
 * app sets (session, toast, language) takes it from here, so none is ever sent over plain HTTP
 * once the site runs behind HTTPS.
 */
export function secureCookies(): boolean {
  const env = getEnv();
  return env.COOKIE_SECURE ?? env.NODE_ENV === "production";
}
