import { createCookie } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { singleton } from "~/utils/singleton.server";

// The last few accounts that logged in from this browser. Signed, so it cannot be forged; it
// lets the owner past the per-account slowdown a distributed guesser causes (decision 028).
const MAX_ACCOUNTS = 5;

function deviceCookie() {
  const env = getEnv();
  const secret = env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set: the server sets it before handling requests");
  const secure = env.COOKIE_SECURE ?? env.NODE_ENV === "production";
  return singleton(`device-cookie:${secret}:${secure}`, () =>
    createCookie("xk_device", {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/login",
      secrets: [secret],
      maxAge: 365 * 24 * 60 * 60,
    }),
  );
}

export async function knownAccounts(cookieHeader: string | null | undefined): Promise<string[]> {
  if (!cookieHeader) return [];
  const value: unknown = await deviceCookie().parse(cookieHeader);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}

/** The cookie after `userId` logged in from this browser. */
export async function rememberDevice(
  cookieHeader: string | null | undefined,
  userId: string,
): Promise<string> {
  const accounts = (await knownAccounts(cookieHeader)).filter((id) => id !== userId);
  return deviceCookie().serialize([userId, ...accounts].slice(0, MAX_ACCOUNTS));
}
