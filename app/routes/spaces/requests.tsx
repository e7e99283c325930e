import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { MyRequestActionSchema } from "~/modules/spaces/service-requests.schema";
import { cancelRequest, listMyRequests, rateRequest } from "~/modules/spaces/service-requests.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { RequestCard, type RequestCardData } from "~/components/spaces/request-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.mine.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [requests, locale] = await Promise.all([listMyRequests(user), getLocale(request)]);
  return { requests, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: MyRequestActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (command.intent === "cancel") await cancelRequest(user, command.requestId, meta);
    else
      await rateRequest(
        user,
        command.requestId,
        { rating: command.rating, feedback: command.feedback },
        meta,
      );
    return redirectWithToast("/requests", {
      message: command.intent === "cancel" ? "spaces.toast.cancelled" : "spaces.toast.rated",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

/** Cancel while waiting or accepted; rate once completed. */
function RequesterForms({
  request,
  lastResult,
}: {
  request: RequestCardData;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  const mine = lastResult?.initialValue?.requestId === request.id;
  const [rateForm, rateFields] = useForm({
    id: `rate-${request.id}`,
    lastResult: mine ? lastResult : undefined,
  });
  const hidden = <input type="hidden" name="requestId" value={request.id} />;
  if (request.status === "SUBMITTED" || request.status === "ACCEPTED") {
    return (
      <Form method="post">
        {mine ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
        {hidden}
        <button type="submit" name="intent" value="cancel" className="btn-secondary w-full sm:w-auto">
          {t("spaces.action.cancelRequest")}
        </button>
      </Form>
    );
  }
  if (request.status !== "COMPLETED" || request.rating !== null) return null;
  return (
    <Form method="post" {...getFormProps(rateForm)} className="space-y-2">
      <FormErrors errors={rateForm.errors} />
      {hidden}
      <SelectField
        meta={rateFields.rating}
        label={t("spaces.mine.rating")}
        placeholder={t("spaces.field.choose")}
        options={[5, 4, 3, 2, 1].map((value) => ({
          value: String(value),
          label: t("spaces.mine.ratingValue", { rating: value }),
        }))}
      />
      <TextAreaField meta={rateFields.feedback} label={t("spaces.mine.feedback")} rows={3} />
      <button type="submit" name="intent" value="rate" className="btn-primary w-full sm:w-auto">
        {t("spaces.action.rate")}
      </button>
    </Form>
  );
}

export default function MyRequestsPage() {
  const { requests } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("spaces.mine.title")}</h1>
      {requests.length === 0 ? (
        <p className="card text-stone-600">
          {t("spaces.mine.empty")}{" "}
          <Link to="/spaces" className="link">
            {t("spaces.directory.title")}
          </Link>
        </p>
      ) : null}
      {requests.map((request) => (
        <RequestCard key={request.id} request={request} side="requester">
          <RequesterForms request={request} lastResult={lastResult} />
        </RequestCard>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
