import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { useT } from "~/i18n/use-t";
import { SpaceProfileSchema } from "~/modules/spaces/space-directory.schema";
import { getSpaceProfileForEdit, updateSpaceProfile } from "~/modules/spaces/space-directory.server";
import { requireUser } from "~/modules/users/guards.server";
import { submitForm } from "~/utils/form-action.server";
import { documentTitle } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "spaces.profile.title")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, getSpaceProfileForEdit(user, params.id ?? ""));
  return { ...page, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  return submitForm(request, SpaceProfileSchema, async (fields) => {
    await updateSpaceProfile(user, spaceId, fields, requestMeta(request, context));
    return { redirectTo: `/spaces/${spaceId}`, toast: { message: "spaces.toast.profileSaved" } };
  });
}

export default function SpaceProfilePage() {
  const { space, profile } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
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
        <SubmitButton className="btn-primary w-full">{t("spaces.profile.save")}</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
