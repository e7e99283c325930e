/** What the Express server hands every loader and action (see server/app.ts). */
export interface XiangKeLoadContext {
  cspNonce: string;
  clientIp: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends XiangKeLoadContext {}
}

/**
 * Who made a request, as services record it in the audit log and sessions. Either part may be
 * unknown (jobs, scripts and tests call services without a request).
 */
export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export function requestMeta(request: Request, context: { clientIp?: string }) {
  return { ip: context.clientIp ?? "unknown", userAgent: request.headers.get("user-agent") };
}

/** Only same-site relative paths, so a crafted link cannot send people to another site. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (
    typeof target !== "string" ||
    !target.startsWith("/") ||
    target.startsWith("//") ||
    target.startsWith("/\\")
  ) {
    return fallback;
  }
  return target;
}
