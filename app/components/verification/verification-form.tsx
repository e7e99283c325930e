import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { SubmitVerificationSchema } from "~/modules/verification/verification.schema";

/** Which verification the form asks for: the person's own, or one of their organisations'. */
export type VerificationSubject =
  { intent: "organisation"; organisationId: string; name: string } | { intent: "person" };

/** Asks for what a verification needs: an organisation's registration, or a person's identity (and an expert's post). */
export function VerificationForm({
  open,
  isExpert,
  lastResult,
}: {
  open: VerificationSubject;
  isExpert: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const { t } = useT();
  const [form, fields] = useForm({
    id: `verification-${open.intent}`,
    lastResult,
    defaultValue:
      open.intent === "organisation"
        ? { intent: open.intent, organisationId: open.organisationId }
        : { intent: open.intent },
    constraint: getZodConstraint(SubmitVerificationSchema),
    onValidate: ({ formData }) => {
      if (isExpert) formData.set("expert", "1");
      return parseWithZod(formData, { schema: SubmitVerificationSchema });
    },
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">
        {open.intent === "organisation"
          ? t("verification.formTitleOrg", { name: open.name })
          : t("verification.formTitlePerson")}
      </h1>
      <Link to="/account/verification" className="link mt-2 inline-block">
        {t("verification.back")}
      </Link>
      <Form method="post" {...getFormProps(form)} className="card mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} />
        {open.intent === "organisation" ? (
          <>
            <input {...getInputProps(fields.organisationId, { type: "hidden" })} />
            <TextField
              meta={fields.creditCode}
              label={t("verification.creditCode")}
              hint={t("verification.creditCodeHint")}
              autoComplete="off"
            />
            <TextField meta={fields.legalRepresentative} label={t("verification.legalRepresentative")} />
            <TextField
              meta={fields.contactPerson}
              label={t("verification.contactPerson")}
              autoComplete="name"
            />
            <TextField
              meta={fields.contactPhone}
              label={t("verification.contactPhone")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
            />
          </>
        ) : (
          <>
            <TextField meta={fields.realName} label={t("verification.realName")} autoComplete="name" />
            <TextField
              meta={fields.idNumber}
              label={t("verification.idNumber")}
              hint={t("verification.idNumberHint")}
              autoComplete="off"
            />
            {isExpert ? (
              <>
                <TextField meta={fields.title} label={t("verification.expertTitle")} />
                <TextField
                  meta={fields.employer}
                  label={t("verification.employer")}
                  autoComplete="organization"
                />
              </>
            ) : null}
          </>
        )}
        <TextAreaField
          meta={fields.statement}
          label={t("verification.statement")}
          hint={t("verification.statementHint")}
          rows={4}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("verification.pending") : t("verification.submit")}
        </button>
      </Form>
    </section>
  );
}
