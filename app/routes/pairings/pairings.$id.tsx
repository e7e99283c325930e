import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PairingDetail } from "~/components/pairings/pairing-detail";
import { getLocale } from "~/i18n/i18n.server";
import { pairingPage } from "~/modules/pairings/pairings.queries.server";
import { PairingActionSchema } from "~/modules/pairings/pairings.schema";
import { acknowledgePairingReport, agreePairing, endPairing } from "~/modules/pairings/pairings.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("pairings.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const page = await pairingPage(user, params.id ?? "");
    return { ...page, locale: await getLocale(request) };
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

const TOASTS = {
  agree: "pairings.toast.agreed",
  end: "pairings.toast.ended",
  acknowledge: "pairings.toast.acknowledged",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  // Someone who may not see the pairing is told it does not exist, whatever they post.
  await pairingPage(user, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const submission = parseWithZod(await request.formData(), { schema: PairingActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    const intent = submission.value;
    if (intent.intent === "agree") await agreePairing(user, id, meta);
    else if (intent.intent === "end") await endPairing(user, id, meta);
    else await acknowledgePairingReport(user, id, intent.reportId, meta);
    return redirectWithToast(`/pairings/${id}`, { message: TOASTS[intent.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function PairingPage() {
  const { pairing, member, oversees } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return <PairingDetail pairing={pairing} member={member} oversees={oversees} lastResult={lastResult} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
