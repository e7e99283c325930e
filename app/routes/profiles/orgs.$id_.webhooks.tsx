import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { eventLabel, WEBHOOK_EVENTS } from "~/modules/webhooks/events";
import { EndpointsIntentSchema, RegisterEndpointSchema } from "~/modules/webhooks/webhooks.schema";
import {
  deleteEndpoint,
  listEndpoints,
  registerEndpoint,
  rotateSecret,
  setEndpointActive,
} from "~/modules/webhooks/webhooks.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { EndpointList } from "~/components/webhooks/endpoint-list";
import { SecretOnce } from "~/components/webhooks/webhook-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "webhooks.title")} · ${data.organisation.name}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await listEndpoints(user, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { ...page, locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: EndpointsIntentSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), secret: null }, { status: 400 });
  const meta = requestMeta(request, context);
  const value = submission.value;
  const here = `/orgs/${organisationId}/webhooks`;
  try {
    switch (value.intent) {
      case "register": {
        const { secret } = await registerEndpoint(user, organisationId, value, meta);
        return data({ reply: submission.reply({ resetForm: true }), secret });
      }
      case "rotate": {
        const { secret } = await rotateSecret(user, value.endpointId, organisationId, meta);
        return data({ reply: submission.reply({ resetForm: true }), secret });
      }
      case "disable":
      case "enable":
        await setEndpointActive(user, value.endpointId, value.intent === "enable", organisationId, meta);
        return redirectWithToast(here, {
          message: value.intent === "enable" ? "webhooks.enabled" : "webhooks.disabled",
        });
      case "delete":
        await deleteEndpoint(user, value.endpointId, organisationId, meta);
        return redirectWithToast(here, { message: "webhooks.deleted" });
    }
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ reply: refused.data, secret: null }, { status: refused.init?.status ?? 400 });
  }
}

export default function WebhooksPage() {
  const { organisation, endpoints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "register-webhook",
    lastResult: actionData?.reply,
    constraint: getZodConstraint(RegisterEndpointSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterEndpointSchema }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <Link to={`/orgs/${organisation.id}`} className="link text-sm">
          {t("webhooks.backToOrg")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">
          {t("webhooks.title")} · {organisation.name}
        </h1>
        <p className="mt-1 text-stone-700">{t("webhooks.intro")}</p>
      </header>
      {actionData?.secret ? <SecretOnce secret={actionData.secret} /> : null}
      <EndpointList organisationId={organisation.id} endpoints={endpoints} />
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("webhooks.register.title")}</h2>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="register" />
        <TextField meta={fields.url} label={t("webhooks.register.url")} />
        <CheckboxGroup
          meta={fields.events}
          legend={t("webhooks.register.events")}
          options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: t(eventLabel(event)) }))}
          columns={1}
        />
        <button type="submit" className="btn-primary w-full">
          {t("webhooks.register.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
