import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { deferredPartsLoaded } from "~/components/deferred";
import { withMessageUsage } from "~/i18n/message-usage.server";
import { MessageUsageContext } from "~/i18n/page-messages";
import { htmlWithoutReactNulBytes } from "~/utils/html-stream.server";
import { NonceContext } from "~/utils/nonce";

export const streamTimeout = 5_000;

/** The app modules the built HTTP/socket server takes from this build (app/server-modules.server.ts). */
export { serverModules } from "~/server-modules.server";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // A part that loads lazily in the browser renders in the same pass here (components/deferred).
  await deferredPartsLoaded();
  // The messages the page translates are recorded while it renders (app/i18n/page-messages.tsx).
  return withMessageUsage(
    (usedMessages) =>
      new Promise<Response>((resolve, reject) => {
        let shellRendered = false;
        const { pipe, abort } = renderToPipeableStream(
          <NonceContext.Provider value={nonce}>
            <MessageUsageContext.Provider value={usedMessages}>
              <RemixServer context={remixContext} url={request.url} nonce={nonce} />
            </MessageUsageContext.Provider>
          </NonceContext.Provider>,
          {
            nonce,
            // The whole document at once, for every client: no loader streams deferred data, and a
            // part whose code loads lazily (components/deferred.tsx) is then in the HTML itself,
            // not behind the inline script a streamed boundary needs — it reads without JavaScript.
            // Sent in one piece: React writes two-kilobyte chunks, and each would otherwise be
            // a write to the socket and a compression flush of its own (server/page-compression.ts).
            onAllReady() {
              shellRendered = true;
              const body = htmlWithoutReactNulBytes();
              const chunks: Buffer[] = [];
              body.on("data", (chunk: Buffer) => chunks.push(chunk));
              body.on("error", reject);
              body.on("end", () => {
                responseHeaders.set("Content-Type", "text/html; charset=utf-8");
                resolve(
                  new Response(Buffer.concat(chunks), {
                    headers: responseHeaders,
                    status: responseStatusCode,
                  }),
                );
              });
              pipe(body);
            },
            onShellError: reject,
            onError(error: unknown) {
              responseStatusCode = 500;
              if (shellRendered) console.error(error);
            },
          },
        );
        setTimeout(abort, streamTimeout + 1_000);
      }),
  );
}
