import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, ErrorList, FormErrors } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { NOTIFICATION_CATEGORIES } from "~/modules/notifications/notification-categories";
import { NotificationPreferencesSchema } from "~/modules/notifications/notifications.schema";
import {
  getNotificationPreferences,
  saveNotificationPreferences,
} from "~/modules/notifications/preferences.server";
import { DEFAULT_QUIET_HOURS } from "~/modules/notifications/notification-categories";
import { minutesToTime } from "~/modules/notifications/quiet-hours";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("notifications.prefs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [preferences, locale] = await Promise.all([getNotificationPreferences(user.id), getLocale(request)]);
  const ticked = (channel: "SMS" | "EMAIL") =>
    NOTIFICATION_CATEGORIES.filter((category) => preferences.channels[category].includes(channel));
  const quiet = preferences.quiet ?? DEFAULT_QUIET_HOURS;
  return {
    locale,
    hasPhone: Boolean(preferences.contact.phone),
    hasEmail: Boolean(preferences.contact.email),
    defaults: {
      sms: ticked("SMS"),
      email: ticked("EMAIL"),
      quiet: preferences.quiet ? "on" : undefined,
      quietStart: minutesToTime(quiet.start),
      quietEnd: minutesToTime(quiet.end),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferencesSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  await saveNotificationPreferences(user.id, submission.value);
  return redirectWithToast("/account/notifications", { message: "notifications.prefs.saved" });
}

export default function NotificationSettingsPage() {
  const { hasPhone, hasEmail, defaults } = useLoaderData<typeof loader>();
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "notification-settings",
    schema: NotificationPreferencesSchema,
    lastResult,
    defaultValue: defaults,
  });
  const options = NOTIFICATION_CATEGORIES.map((category) => ({
    value: category,
    label: t(`notifications.prefs.category.${category}`),
  }));
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("notifications.prefs.title")}</h1>
      <p className="mt-2 text-stone-700">{t("notifications.prefs.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-6">
        <FormErrors errors={form.errors} />
        {hasPhone ? (
          <CheckboxGroup
            meta={fields.sms}
            legend={t("notifications.prefs.sms")}
            options={options}
            columns={1}
          />
        ) : (
          <p className="text-stone-600">{t("notifications.prefs.noPhone")}</p>
        )}
        {hasEmail ? (
          <CheckboxGroup
            meta={fields.email}
            legend={t("notifications.prefs.email")}
            options={options}
            columns={1}
          />
        ) : (
          <p className="text-stone-600">{t("notifications.prefs.noEmail")}</p>
        )}
        {hasPhone ? (
          <fieldset className="space-y-3">
            <legend className="font-medium text-stone-800">{t("notifications.prefs.quietLegend")}</legend>
            <label className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name={fields.quiet.name}
                value="on"
                defaultChecked={fields.quiet.initialValue === "on"}
                className="h-5 w-5 flex-none accent-brand-700"
              />
              <span>{t("notifications.prefs.quiet")}</span>
            </label>
            <div className="flex flex-wrap gap-4">
              {([fields.quietStart, fields.quietEnd] as const).map((field) => (
                <div key={field.name} className="space-y-1">
                  <label htmlFor={field.id} className="block text-stone-800">
                    {t(
                      field.name === "quietStart"
                        ? "notifications.prefs.quietStart"
                        : "notifications.prefs.quietEnd",
                    )}
                  </label>
                  <input
                    id={field.id}
                    name={field.name}
                    type="time"
                    defaultValue={field.initialValue}
                    aria-invalid={field.errors?.length ? true : undefined}
                    aria-describedby={field.errors?.length ? field.errorId : undefined}
                    className="input w-32"
                  />
                  <ErrorList id={field.errorId} errors={field.errors} />
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("notifications.prefs.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
