import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConsentPrompt } from "~/components/privacy/consent-prompt";
import { getLocale } from "~/i18n/i18n.server";
import { SENSITIVE_PURPOSES } from "~/modules/privacy/policy";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";
import { safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = titleMeta("privacy.ask.title");

const ParamsSchema = z.object({
  purpose: z.enum(SENSITIVE_PURPOSES),
  returnTo: z.string().max(500).optional(),
});

/** /account/privacy/consent?purpose=VOICE&returnTo=… — asks for one sensitive consent, then goes back. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const parsed = ParamsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return {
    purpose: parsed.data.purpose,
    returnTo: safeRedirect(parsed.data.returnTo, "/account/privacy"),
    locale: await getLocale(request),
  };
}

export default function ConsentPage() {
  const { purpose, returnTo } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-md">
      <ConsentPrompt purpose={purpose} returnTo={returnTo} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
