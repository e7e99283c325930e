import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { ProgrammeFormSchema } from "~/modules/programmes/programmes.schema";
import { createProgramme } from "~/modules/programmes/programmes.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ProgrammeForm } from "~/components/programmes/programme-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.new")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.manage");
  return { locale: await getLocale(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.manage");
  const submission = parseWithZod(await request.formData(), { schema: ProgrammeFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { id } = await createProgramme(user, submission.value);
    return redirectWithToast(`/bureau/programmes/${id}`, { message: "programmes.created" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewProgrammePage() {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("programmes.new")}</h1>
      <ProgrammeForm lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
