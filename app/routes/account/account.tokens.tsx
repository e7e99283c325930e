import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxGroup, FormErrors, SelectField, TextField } from "~/components/forms";
import { formatDateTime } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { TokenIntentSchema } from "~/modules/api/api.schema";
import { SCOPES, scopeLabel } from "~/modules/api/scopes";
import { createToken, listTokens, revokeToken } from "~/modules/api/tokens.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "api.tokens.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { locale: await getLocale(request), tokens: await listTokens(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: TokenIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    if (submission.value.intent === "revoke") {
      await revokeToken(user, submission.value.tokenId);
      return redirectWithToast("/account/tokens", { message: "api.tokens.revokedToast" });
    }
    const { token } = await createToken(user, submission.value);
    // Shown in this response only: the database keeps the hash, so it can never be shown again.
    return { ...submission.reply({ resetForm: true }), createdToken: token };
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function TokensPage() {
  const { t, locale } = useT();
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "status" in actionData ? actionData : undefined;
  const createdToken = actionData && "createdToken" in actionData ? actionData.createdToken : null;
  const [form, fields] = useForm({
    id: "create-token",
    lastResult,
    constraint: getZodConstraint(TokenIntentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TokenIntentSchema }),
  });
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("api.tokens.title")}</h1>
        <p className="mt-2 text-stone-700">{t("api.tokens.intro")}</p>
        <Link to="/api/v1/docs" className="link mt-1 inline-block">
          {t("api.tokens.docs")}
        </Link>
      </header>
      {createdToken ? (
        <div role="status" className="card border-brand-700">
          <p className="font-medium">{t("api.tokens.created")}</p>
          <input
            readOnly
            value={createdToken}
            aria-label={t("api.tokens.title")}
            className="mt-2 w-full rounded border border-stone-300 p-2 font-mono text-sm"
          />
          <p className="mt-1 text-sm text-stone-600">{t("api.tokens.copyHint")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <input type="hidden" name="intent" value="create" />
        <FormErrors errors={form.errors} />
        <TextField meta={fields.name} label={t("api.tokens.name")} />
        <CheckboxGroup
          meta={fields.scopes}
          legend={t("api.tokens.scopes")}
          options={SCOPES.map((scope) => ({ value: scope, label: `${t(scopeLabel(scope))} (${scope})` }))}
          columns={1}
        />
        <SelectField
          meta={fields.expiresInDays}
          label={t("api.tokens.expiry")}
          options={[
            { value: "90", label: t("api.tokens.expiry90") },
            { value: "30", label: t("api.tokens.expiry30") },
            { value: "365", label: t("api.tokens.expiry365") },
            { value: "never", label: t("api.tokens.expiryNever") },
          ]}
        />
        <button type="submit" className="btn-primary w-full">
          {t("api.tokens.create")}
        </button>
      </Form>
      {tokens.length === 0 ? <p className="text-stone-600">{t("api.tokens.none")}</p> : null}
      <ul className="space-y-3">
        {tokens.map((token) => (
          <li key={token.id} className="card space-y-1">
            <p className="font-medium">
              {token.name} <code className="text-sm">{token.prefix}…</code>
            </p>
            <p className="text-sm">{token.scopes.join(", ")}</p>
            <p className="text-sm text-stone-600">
              {t("api.tokens.lastUsed")}:{" "}
              {token.lastUsedAt ? formatDateTime(locale, token.lastUsedAt) : t("api.tokens.never")}
              {token.expiresAt
                ? ` · ${t("api.tokens.expires")}: ${formatDateTime(locale, token.expiresAt)}`
                : ""}
            </p>
            {token.revokedAt ? (
              <p className="text-sm font-medium text-red-700">{t("api.tokens.revoked")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="tokenId" value={token.id} />
                <button type="submit" className="btn-secondary">
                  {t("api.tokens.revoke")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
