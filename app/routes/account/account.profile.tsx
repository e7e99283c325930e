import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExpertProfileForm } from "~/components/profiles/expert-profile-form";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ExpertProfileSchema } from "~/modules/profiles/profiles.schema";
import { getExpertProfileForEdit, saveExpertProfile } from "~/modules/profiles/profiles.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "profiles.expert.editTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [editable, locale] = await Promise.all([
    getExpertProfileForEdit(user).catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { ...editable, userId: user.id, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ExpertProfileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await saveExpertProfile({ actor: user, fields: submission.value, meta: requestMeta(request, context) });
    return redirectWithToast(`/experts/${user.id}`, { message: "profiles.toast.saved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditExpertProfilePage() {
  const { profile, affiliations, userId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("profiles.expert.editTitle")}</h1>
      <p className="mt-2 text-stone-700">{t("profiles.expert.intro")}</p>
      {profile ? (
        <Link to={`/experts/${userId}`} className="link mt-2 inline-block">
          {t("profiles.viewPage")}
        </Link>
      ) : null}
      <ExpertProfileForm profile={profile} affiliations={affiliations} lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
