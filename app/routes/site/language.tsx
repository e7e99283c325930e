import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/i18n";
import { serializeLocale } from "~/i18n/i18n.server";
import { safeRedirect } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const LanguageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const { locale, redirectTo } = parsed.data;
  return redirectWithToast(
    safeRedirect(redirectTo),
    { message: "lang.changed", type: "info" },
    { headers: [["Set-Cookie", await serializeLocale(locale)]] },
  );
}
