import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InviteCandidate, SentInvitations } from "~/components/negotiation/invitations";
import { getLocale } from "~/i18n/i18n.server";
import { translate, translateMaybe } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getInvitePage, inviteExperts } from "~/modules/negotiation/invitations.server";
import { InviteSchema } from "~/modules/negotiation/negotiation.schema";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "negotiation.invite.title")} · ${data.need.title}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  const page = await getInvitePage(user, params.id!, q).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { ...page, q, locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const submission = parseWithZod(await request.formData(), { schema: InviteSchema });
  if (submission.status !== "success") {
    const key = submission.error?.expertIds?.[0] ?? "errors.invalid_input";
    return data({ error: translateMaybe(locale, key) }, { status: 400 });
  }
  try {
    const { invited, alreadyInvited } = await inviteExperts(
      user,
      params.id!,
      submission.value.expertIds,
      submission.value.message,
      requestMeta(request, context),
    );
    const message =
      invited.length === 0
        ? "negotiation.invite.noneNewToast"
        : alreadyInvited.length > 0
          ? "negotiation.invite.partlyToast"
          : "negotiation.invite.invitedToast";
    return redirectWithToast(`/needs/${params.id}/invite`, {
      message,
      params: { count: invited.length, skipped: alreadyInvited.length },
      type: invited.length ? "success" : "info",
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ error: translate(locale, error.messageKey, error.params) }, { status: error.status });
  }
}

export default function InvitePage() {
  const { need, recommended, found, sent, q } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const invitedStatus = new Map(sent.map((s) => [s.expertId, s.status]));
  const candidates = [
    ...recommended,
    ...found.filter((f) => !recommended.some((r) => r.id === f.id)).map((f) => ({ ...f, reasons: [] })),
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/needs/${need.id}`} className="link">
          {need.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("negotiation.invite.title")}</h1>
      {need.invitationOnly ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">{t("negotiation.invitationOnly")}</p>
      ) : null}

      <Form method="get" className="card flex flex-wrap items-end gap-2" role="search">
        <label className="min-w-0 flex-1">
          <span className="block font-medium text-stone-800">{t("negotiation.invite.search")}</span>
          <input type="search" name="q" defaultValue={q} maxLength={40} className="input mt-1" />
        </label>
        <button type="submit" className="btn-secondary">
          {t("negotiation.invite.searchButton")}
        </button>
      </Form>

      <Form method="post" className="card space-y-4">
        <input type="hidden" name="intent" value="invite" />
        {actionData?.error ? (
          <p role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800">
            {actionData.error}
          </p>
        ) : null}
        <fieldset className="space-y-2">
          <legend className="font-medium text-stone-800">
            {q ? t("negotiation.invite.results") : t("negotiation.invite.recommended")}
          </legend>
          {candidates.length === 0 ? (
            <p className="text-stone-600">
              {t(q ? "negotiation.invite.noResults" : "negotiation.invite.noneRecommended")}
            </p>
          ) : null}
          <ul className="space-y-2">
            {candidates.map((expert) => (
              <InviteCandidate key={expert.id} expert={expert} status={invitedStatus.get(expert.id)} />
            ))}
          </ul>
        </fieldset>
        <label className="block">
          <span className="block font-medium text-stone-800">{t("negotiation.invite.message")}</span>
          <textarea name="message" rows={3} maxLength={1000} className="input mt-1" />
        </label>
        <button type="submit" className="btn-primary w-full">
          {t("negotiation.invite.submit")}
        </button>
      </Form>

      <SentInvitations invitations={sent} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
