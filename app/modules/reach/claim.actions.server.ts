import { registerUser } from "~/modules/users/auth.server";
import { getSessionUser } from "~/modules/users/session.server";
import { DomainError, isDomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { checkClaimCode, claimNeed } from "./informants.server";

/**
 * A farmer without an account claims the need posted for them: the code is checked (and
 * throttled) before an account is made for the number, so a wrong code makes no account; a
 * number that already has one is told to log in instead.
 */
export async function registerAndClaim(
  input: { phone: string; code: string; displayName: string; password: string; confirmPassword: string },
  meta: RequestMeta & { ip: string },
): Promise<{ needId: string; sessionId: string }> {
  const { phone, code, displayName, password, confirmPassword } = input;
  await checkClaimCode(phone, code, meta);
  const registered = await registerUser(
    { identifier: { kind: "phone", value: phone }, displayName, password, confirmPassword, role: "FARMER" },
    meta,
  ).catch((error: unknown) => {
    if (isDomainError(error) && error.code === "auth.identifier_taken")
      throw new DomainError("reach.claim_phone_registered");
    throw error;
  });
  const farmer = await getSessionUser(registered.sessionId);
  const needId = await claimNeed({ user: farmer!, phone, code, confirm: true, meta });
  return { needId, sessionId: registered.sessionId };
}
