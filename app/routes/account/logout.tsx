import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "~/modules/users/auth.server";
import { getSessionUser, readSessionId, clearSessionCookie } from "~/modules/users/session.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request.headers.get("cookie"));
  const user = sessionId ? await getSessionUser(sessionId) : null;
  if (sessionId && user) await logOut(sessionId, user.id, requestMeta(request, context));
  return redirectWithToast(
    "/",
    { message: "logout.success" },
    { headers: [["Set-Cookie", await clearSessionCookie()]] },
  );
}
