import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProposePairingForm } from "~/components/pairings/pairing-forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { proposingInstitutions, villageChoices } from "~/modules/pairings/pairings.queries.server";
import { ProposePairingSchema } from "~/modules/pairings/pairings.schema";
import { proposePairing } from "~/modules/pairings/pairings.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("pairings.new.title");

// Only accounts of a university or research institute propose; everyone else is refused.
async function requireProposer(request: Request) {
  const user = await requireUser(request);
  const institutions = await proposingInstitutions(user);
  if (institutions.length === 0) throw new Response("Forbidden", { status: 403 });
  return { user, institutions };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { institutions } = await requireProposer(request);
  return { institutions, villages: await villageChoices(), locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireProposer(request);
  const submission = parseWithZod(await request.formData(), { schema: ProposePairingSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const pairing = await proposePairing(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/pairings/${pairing.id}`, { message: "pairings.toast.proposed" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ProposePairingPage() {
  const { institutions, villages } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("pairings.new.title")}</h1>
      <p className="text-stone-600">{t("pairings.new.intro")}</p>
      <ProposePairingForm institutions={institutions} villages={villages} lastResult={lastResult} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
