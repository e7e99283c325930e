import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { isMessageKey } from "~/i18n/i18n";
import { secureCookies } from "./cookie-security.server";

const ToastSchema = z.object({
  type: z.enum(["success", "error", "info"]).default("success"),
  message: z.string().refine(isMessageKey),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export type Toast = z.input<typeof ToastSchema>;

// A one-shot cookie: set by the action that redirects, read and cleared by the next page.
const toastCookie = createCookie("xk_toast", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

export async function getToast(
  request: Request,
): Promise<{ toast: z.output<typeof ToastSchema> | null; headers: HeadersInit }> {
  const raw: unknown = await toastCookie.parse(request.headers.get("cookie"));
  if (raw === null || raw === undefined) return { toast: null, headers: {} };
  const parsed = ToastSchema.safeParse(raw);
  return {
    toast: parsed.success ? parsed.data : null,
    headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0, secure: secureCookies() }) },
  };
}

export async function redirectWithToast(
  url: string,
  toast: Toast,
  init: { headers?: [string, string][] } = {},
) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(toast, { secure: secureCookies() }));
  return redirect(url, { headers });
}
