import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { BudgetFieldset } from "~/components/monitoring/budget-fieldset";
import { useSchemaForm } from "~/components/use-schema-form";
import { formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { ChangeRequestSchema } from "~/modules/monitoring/monitoring.schema";
import { planPage, requestChange } from "~/modules/monitoring/monitoring.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { fenToYuanText } from "~/utils/money";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.changeTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, planPage(user, params.id ?? ""));
  if (!page.member) throw new Response("Not found", { status: 404 });
  return { project: page.project, current: page.current, mayRequest: page.mayRequest, locale };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ChangeRequestSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await requestChange(user, id, submission.value);
    return redirectWithToast(`/programmes/applications/${id}/plan`, {
      message: "monitoring.toast.requested",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ChangeRequestPage() {
  const { t, locale } = useT();
  const { project, current, mayRequest } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "change-request",
    schema: ChangeRequestSchema,
    lastResult,
    defaultValue: {
      budget: Object.fromEntries(
        (current?.budgetLines ?? []).map((line) => [line.category, fenToYuanText(line.amountFen)]),
      ),
      scope: current?.scope ?? "",
      endsOn: current?.endsOn ?? "",
      milestones: (current?.milestones ?? []).map((m) => `${m.dueOn} ${m.title}`).join("\n"),
      team: (current?.team ?? []).join("\n"),
      suppliers: (current?.suppliers ?? []).join("\n"),
    },
  });
  if (!mayRequest) return <p className="card mx-auto max-w-xl">{t("monitoring.cannotRequest")}</p>;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.changeTitle")}</h1>
      <p>{project.title}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <BudgetFieldset
          budget={fields.budget}
          team={fields.team}
          suppliers={fields.suppliers}
          hint={t("monitoring.budgetHintChange", { total: formatMoney(locale, project.approvedFen ?? 0) })}
        />
        <TextAreaField meta={fields.scope} label={t("monitoring.field.scope")} rows={4} />
        <TextField meta={fields.endsOn} label={t("monitoring.field.endsOn")} type="date" />
        <TextAreaField
          meta={fields.milestones}
          label={t("monitoring.field.milestones")}
          hint={t("monitoring.field.milestonesHint")}
          rows={3}
        />
        <TextAreaField meta={fields.reason} label={t("monitoring.field.reason")} rows={3} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("monitoring.submitChange")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
