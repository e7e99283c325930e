import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getSanction } from "~/modules/sanctions/sanctions.queries.server";
import { SanctionActionSchema } from "~/modules/sanctions/sanctions.schema";
import { requirePermission } from "~/modules/users/guards.server";
import { requestMeta } from "~/utils/request.server";
import { sanctionAction } from "./+sanctions-action.server";
import { CollectForm, SanctionSummary } from "~/components/sanctions/sanction-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "sanctions.detailTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "sanction.apply");
  const [sanction, locale] = await Promise.all([getSanction(params.id!), getLocale(request)]);
  if (!sanction) throw new Response("Not Found", { status: 404 });
  return { sanction, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sanction.apply");
  return sanctionAction(
    user,
    await request.formData(),
    `/bureau/sanctions/${params.id}`,
    await getLocale(request),
    requestMeta(request, context),
  );
}

export default function SanctionPage() {
  const { sanction } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "lift",
    lastResult,
    constraint: getZodConstraint(SanctionActionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SanctionActionSchema }),
  });
  const liftable = sanction.active && sanction.kind !== "CLAWBACK";
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/bureau/sanctions" className="link text-sm">
        {t("sanctions.title")}
      </Link>
      <h1 className="text-2xl font-bold">{t("sanctions.detailTitle")}</h1>
      <div className="card space-y-3">
        <SanctionSummary sanction={sanction} />
        {sanction.kind === "CLAWBACK" && (sanction.owedFen ?? 0) > 0 ? (
          <CollectForm sanctionId={sanction.id} />
        ) : null}
      </div>
      {liftable ? (
        <Form method="post" {...getFormProps(form)} className="card space-y-3">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="lift" />
          <input type="hidden" name="sanctionId" value={sanction.id} />
          <TextAreaField meta={fields.reason} label={t("sanctions.field.liftReason")} rows={3} />
          <button type="submit" className="btn-secondary w-full sm:w-auto">
            {t("sanctions.action.lift")}
          </button>
        </Form>
      ) : (
        <FormErrors errors={form.errors} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
