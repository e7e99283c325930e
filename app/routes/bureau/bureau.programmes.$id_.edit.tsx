import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getProgramme } from "~/modules/programmes/programmes.queries.server";
import { ProgrammeFormSchema } from "~/modules/programmes/programmes.schema";
import { updateProgramme } from "~/modules/programmes/programmes.server";
import { requirePermission } from "~/modules/users/guards.server";
import { luoyangToday } from "~/utils/dates";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { fenToYuanText } from "~/utils/money";
import { redirectWithToast } from "~/utils/toast.server";
import { ProgrammeForm } from "~/components/programmes/programme-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.edit")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.manage");
  const programme = await getProgramme(params.id ?? "", { published: false });
  if (!programme) throw new Response("Not found", { status: 404 });
  if (programme.status !== "DRAFT") throw new Response("Conflict", { status: 409 });
  const {
    budgetFen,
    maxAwardFen,
    deadline,
    year,
    reviewsRequired,
    requiresBenefitLinkage,
    reportIntervalMonths,
    ...rest
  } = programme;
  const defaultValue = {
    ...rest,
    requiresBenefitLinkage: requiresBenefitLinkage ? "on" : "",
    year: String(year),
    reviewsRequired: String(reviewsRequired),
    reportIntervalMonths: String(reportIntervalMonths),
    budget: fenToYuanText(budgetFen),
    maxAward: maxAwardFen === null ? "" : fenToYuanText(maxAwardFen),
    deadline: luoyangToday(deadline),
  };
  return { locale: await getLocale(request), defaultValue };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.manage");
  const submission = parseWithZod(await request.formData(), { schema: ProgrammeFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await updateProgramme(user, params.id ?? "", submission.value);
    return redirectWithToast(`/bureau/programmes/${params.id}`, { message: "programmes.saved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditProgrammePage() {
  const { t } = useT();
  const { defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("programmes.edit")}</h1>
      <ProgrammeForm lastResult={lastResult} defaultValue={defaultValue} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
