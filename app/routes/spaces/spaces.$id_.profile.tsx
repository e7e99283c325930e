import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SpaceProfileSchema } from "~/modules/spaces/space-directory.schema";
import { getSpaceProfileForEdit, updateSpaceProfile } from "~/modules/spaces/space-directory.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.profile.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await Promise.all([
    getSpaceProfileForEdit(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { ...page, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: SpaceProfileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await updateSpaceProfile(user, spaceId, submission.value, requestMeta(request, context));
    return redirectWithToast(`/spaces/${spaceId}`, { message: "spaces.toast.profileSaved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function SpaceProfilePage() {
  const { space, profile } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "space-profile",
    lastResult,
    defaultValue: {
      host: profile?.host ?? "",
      openingHours: profile?.openingHours ?? "",
      areaSqm: profile?.areaSqm?.toString() ?? "",
      latitude: profile?.latitude?.toString() ?? "",
      longitude: profile?.longitude?.toString() ?? "",
    },
    constraint: getZodConstraint(SpaceProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpaceProfileSchema }),
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("spaces.profile.title")}</h1>
      <p className="mt-1 text-stone-700">{space.name}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.host} label={t("spaces.profile.host")} hint={t("spaces.profile.hostHint")} />
        <TextField meta={fields.areaSqm} label={t("spaces.profile.area")} inputMode="decimal" />
        <TextField
          meta={fields.openingHours}
          label={t("spaces.profile.openingHours")}
          hint={t("spaces.profile.openingHoursHint")}
        />
        <TextField
          meta={fields.latitude}
          label={t("spaces.profile.latitude")}
          hint={t("spaces.profile.locationHint")}
          inputMode="decimal"
        />
        <TextField meta={fields.longitude} label={t("spaces.profile.longitude")} inputMode="decimal" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("spaces.profile.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
