import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { declineInvitation, listMyInvitations } from "~/modules/negotiation/invitations.server";
import { DeclineInvitationSchema } from "~/modules/negotiation/negotiation.schema";
import { requirePermission, requireUser } from "~/modules/users/guards.server";
import { isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "negotiation.invitations.mine")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "application.submit");
  const [invitations, locale] = await Promise.all([listMyInvitations(user.id), getLocale(request)]);
  return { invitations, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const submission = parseWithZod(await request.formData(), { schema: DeclineInvitationSchema });
  if (submission.status !== "success")
    return data({ error: translate(locale, "errors.invalid_input") }, { status: 400 });
  try {
    await declineInvitation(
      user,
      submission.value.invitationId,
      submission.value.reason,
      requestMeta(request, context),
    );
    return redirectWithToast("/account/invitations", { message: "negotiation.invitations.declinedToast" });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ error: translate(locale, error.messageKey, error.params) }, { status: error.status });
  }
}

export default function MyInvitationsPage() {
  const { invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("negotiation.invitations.mine")}</h1>
      {actionData?.error ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800">
          {actionData.error}
        </p>
      ) : null}
      {invitations.length === 0 ? (
        <p className="card text-stone-600">{t("negotiation.invitations.none")}</p>
      ) : null}
      <ul className="space-y-3">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="card space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {t(`negotiation.invitation.status.${invitation.status}`)}
              </span>
              <span className="font-medium">{invitation.need.title}</span>
              <span className="ml-auto text-sm text-stone-600">
                {t("negotiation.invitations.on", { date: formatDate(locale, invitation.createdAt) })}
              </span>
            </div>
            <p className="text-sm text-stone-700">
              {t("negotiation.invitations.from", { by: invitation.by })}
            </p>
            {invitation.message ? <p className="whitespace-pre-line">{invitation.message}</p> : null}
            {invitation.status === "PENDING" ? (
              <div className="flex flex-wrap items-end gap-2">
                {invitation.need.status === "DRAFT" ? (
                  <p className="text-sm text-stone-600">{t("negotiation.invitations.draftNeed")}</p>
                ) : (
                  <Link to={`/needs/${invitation.need.id}`} className="btn-primary">
                    {t("negotiation.invitations.openNeed")}
                  </Link>
                )}
                <Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <label className="min-w-0 flex-1 text-sm">
                    <span className="text-stone-700">{t("negotiation.invitations.declineReason")}</span>
                    <input name="reason" maxLength={300} className="input mt-1" />
                  </label>
                  <button type="submit" className="btn-secondary">
                    {t("negotiation.invitations.decline")}
                  </button>
                </Form>
              </div>
            ) : invitation.need.status !== "DRAFT" ? (
              <Link to={`/needs/${invitation.need.id}`} className="link">
                {invitation.need.title}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
