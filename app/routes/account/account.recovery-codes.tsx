import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { issueAssistedCode, mayIssueRecoveryCodes } from "~/modules/recovery/assisted.server";
import { CODE_TTL_MINUTES, IssueRecoveryCodeSchema } from "~/modules/recovery/recovery.schema";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";

interface IssuedCode {
  code: string;
  name: string;
}

export const meta: MetaFunction<typeof loader> = titleMeta("recovery.assist.title");

async function requireIssuer(request: Request) {
  const user = await requireUser(request);
  if (!(await mayIssueRecoveryCodes(user))) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireIssuer(request);
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireIssuer(request);
  const submission = parseWithZod(await request.formData(), { schema: IssueRecoveryCodeSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const issued = await issueAssistedCode(user, submission.value, requestMeta(request, context));
    // Shown once on this answer only: the code is not in a cookie, a URL or the database.
    return data(
      { ...submission.reply({ resetForm: true }), issued: { code: issued.code, name: issued.displayName } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function RecoveryCodesPage() {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({ id: "recovery-code", schema: IssueRecoveryCodeSchema, lastResult });
  const issued = lastResult && "issued" in lastResult ? (lastResult.issued as IssuedCode) : null;
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("recovery.assist.title")}</h1>
      <p className="mt-2 text-stone-700">{t("recovery.assist.intro")}</p>
      {issued ? (
        <div className="card mt-6 border-brand-700" role="status">
          <p>{t("recovery.assist.issued", { name: issued.name, minutes: CODE_TTL_MINUTES })}</p>
          <p className="mt-2 font-mono text-3xl tracking-widest" data-testid="recovery-code">
            {issued.code}
          </p>
          <p className="mt-2 text-sm text-stone-600">{t("recovery.assist.tell")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.identifier} label={t("recovery.assist.identifier")} autoComplete="off" />
        <TextField
          meta={fields.identityCheck}
          label={t("recovery.assist.identityCheck")}
          hint={t("recovery.assist.identityCheckHint")}
        />
        <CheckboxField meta={fields.confirmed} label={t("recovery.assist.confirmed")} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("recovery.assist.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
