import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GrantOfficerForm, OfficerLists } from "~/components/counties/officers";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { OfficersActionSchema } from "~/modules/counties/counties.schema";
import { grantOfficer, listOfficers, revokeOfficer } from "~/modules/counties/officers.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("counties.officers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "officer.grant");
  const [officers, locale] = await Promise.all([listOfficers(user), getLocale(request)]);
  return { officers, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "officer.grant");
  const submission = parseWithZod(await request.formData(), { schema: OfficersActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    if (submission.value.intent === "grant") {
      await grantOfficer(user, submission.value, meta);
      return redirectWithToast("/bureau/officers", { message: "counties.officers.granted" });
    }
    await revokeOfficer(user, submission.value.grantId, meta);
    return redirectWithToast("/bureau/officers", { message: "counties.officers.revoked" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function OfficersPage() {
  const { officers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("counties.officers.title")}</h1>
        <p className="text-stone-600">{t("counties.officers.intro")}</p>
      </header>
      <GrantOfficerForm lastResult={lastResult} />
      <OfficerLists officers={officers} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
