import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { intentErrors } from "~/components/forms-plain/intent-fields";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { TownFormSchema } from "~/modules/towns/towns.schema";
import { createTown } from "~/modules/towns/towns.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TownFields } from "./+town-fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "towns.new")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

/** The bureau creates a characteristic town. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "town.create");
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "town.create");
  const submission = parseWithZod(await request.formData(), { schema: TownFormSchema });
  if (submission.status !== "success")
    return data({ intent: "save", reply: submission.reply() }, { status: 400 });
  try {
    const town = await createTown(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/towns/${town.id}`, { message: "towns.toast.created" });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent: "save", reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function NewTownPage() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("towns.new")}</h1>
      <Form method="post" className="card space-y-3">
        <FormErrors errors={intentErrors(answer, "save", "")} />
        <TownFields answer={answer} intent="save" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("towns.create")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
