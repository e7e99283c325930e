import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, replyFor } from "~/components/forms";
import { CandidateQueue, RecordTalentForm, TalentRegister } from "~/components/pairings/talent";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { villageChoices } from "~/modules/pairings/pairings.queries.server";
import { TalentActionSchema } from "~/modules/pairings/pairings.schema";
import {
  confirmTalentCandidate,
  dismissTalentCandidate,
  listLocalTalent,
  listTalentCandidates,
  recordLocalTalent,
  setTalentServing,
  talentScopeOf,
} from "~/modules/pairings/talent.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("pairings.talent.title");

async function requireKeeper(request: Request) {
  const user = await requireUser(request);
  const scope = await talentScopeOf(user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  return { user, scope };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope } = await requireKeeper(request);
  const reveal = new URL(request.url).searchParams.get("reveal");
  const [register, candidates, villages, locale] = await Promise.all([
    listLocalTalent(user, { reveal, ip: (context as { clientIp?: string }).clientIp ?? null }),
    scope.officer ? listTalentCandidates(user) : Promise.resolve([]),
    villageChoices(scope.counties?.length === 1 ? scope.counties[0] : undefined),
    getLocale(request),
  ]);
  const askCounty = !(scope.officer && scope.counties?.length === 1);
  return { ...register, candidates, villages, askCounty, locale };
}

const TOASTS = {
  record: "pairings.talent.toast.recorded",
  confirm: "pairings.talent.toast.confirmed",
  dismiss: "pairings.talent.toast.dismissed",
  serve: "pairings.talent.toast.serving",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireKeeper(request);
  const submission = parseWithZod(await request.formData(), { schema: TalentActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    if (value.intent === "record") {
      const { intent: _intent, ...fields } = value;
      await recordLocalTalent(user, fields, meta);
    } else if (value.intent === "confirm") await confirmTalentCandidate(user, value, meta);
    else if (value.intent === "dismiss") await dismissTalentCandidate(user, value, meta);
    else await setTalentServing(user, value, meta);
    return redirectWithToast("/pairings/talent", { message: TOASTS[value.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function TalentPage() {
  const { rows, officer, candidates, villages, askCounty } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const recordReply = replyFor(lastResult, "record");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("pairings.talent.title")}</h1>
        <p className="text-stone-600">{t("pairings.talent.intro")}</p>
      </header>
      {lastResult && !recordReply ? <FormErrors errors={lastResult.error?.[""]} /> : null}
      {officer ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("pairings.talent.queue")}</h2>
          <p className="text-sm text-stone-600">{t("pairings.talent.queueHint")}</p>
          <CandidateQueue candidates={candidates} villages={villages} />
        </section>
      ) : null}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("pairings.talent.register")}</h2>
        <TalentRegister rows={rows} officer={officer} />
      </section>
      <RecordTalentForm askCounty={askCounty} villages={villages} lastResult={recordReply} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
