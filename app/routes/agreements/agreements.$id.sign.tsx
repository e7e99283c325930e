import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getAgreement } from "~/modules/agreements/agreements.queries.server";
import { agreementsErrors } from "~/modules/agreements/agreements.errors";
import { SignSchema } from "~/modules/agreements/agreements.schema";
import { sign } from "~/modules/agreements/agreements.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { Parties, Signatures, TermsView } from "~/components/agreements/agreement-views";

const SECRET_FIELDS = ["password"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "agreements.signTitle")} · ${data.page.agreement.title}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getAgreement(params.id ?? "", user).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  if (!page.can.sign || !page.pending) throw redirect(`/agreements/${page.agreement.id}`);
  return { locale: await getLocale(request), page: { ...page, pending: page.pending } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: SignSchema });
  if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
  try {
    const { activated } = await sign(
      user,
      id,
      submission.value.password,
      requestMeta(request, context).ip,
      submission.value.termsHash,
    );
    return redirectWithToast(`/agreements/${id}`, {
      message: activated ? "agreements.toast.active" : "agreements.toast.signed",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), SECRET_FIELDS);
  }
}

export default function SignAgreementPage() {
  const { page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const { agreement, pending } = page;
  const [form, fields] = useForm({
    id: "sign-agreement",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignSchema }),
  });
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm text-stone-600">
        <Link to={`/agreements/${agreement.id}`} className="link">
          {agreement.title}
        </Link>{" "}
        · {t("agreements.number", { number: agreement.number })} ·{" "}
        {t("agreements.versionLabel", { version: pending.version })}
      </p>
      <h1 className="text-2xl font-bold">{t("agreements.signTitle")}</h1>
      <section className="card space-y-4">
        <Parties payer={page.payer} payee={page.payee} />
        <TermsView terms={pending.terms} />
        <Signatures signatures={pending.signatures} />
      </section>
      {page.signRefusal ? (
        <section role="alert" className="card space-y-2 border-amber-300 bg-amber-50">
          <p className="font-semibold">{t(agreementsErrors[page.signRefusal].message)}</p>
          <p className="text-sm text-stone-700">{t("agreements.signRefusalHelp")}</p>
        </section>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card space-y-4">
          <FormErrors errors={form.errors} />
          <p className="text-stone-700">
            {t("agreements.signIntro", { party: t(`agreements.party.${page.party!}`) })}
          </p>
          <p className="break-all rounded-lg bg-stone-100 px-3 py-2 font-mono text-sm">
            {t("agreements.hash", { hash: pending.termsHash })}
          </p>
          <input type="hidden" name="termsHash" value={pending.termsHash} />
          <TextField
            meta={fields.password}
            label={t("agreements.field.password")}
            hint={t("agreements.field.passwordHint")}
            type="password"
            autoComplete="current-password"
          />
          <button
            type="submit"
            className="btn-primary w-full sm:w-auto"
            disabled={navigation.state === "submitting"}
          >
            {t("agreements.action.signNow")}
          </button>
        </Form>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
