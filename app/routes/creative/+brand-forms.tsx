import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { BRAND_TRANSITIONS } from "~/modules/creative/creative.schema";

type Stage = keyof typeof BRAND_TRANSITIONS;
interface Answer {
  intent: string;
  reply: { error?: Record<string, string[] | null> | null };
}

/** The work forms of a brand project: report, move on (or finish the launch), abandon. */
export function BrandWorkForms({
  stage,
  answer,
  canUpdate = true,
  canAbandon = true,
  launched = false,
}: {
  stage: Stage;
  launched?: boolean;
  answer?: Answer;
  /** After the launch only the later stages take reports; a launched brand is never abandoned. */
  canUpdate?: boolean;
  canAbandon?: boolean;
}) {
  const { t } = useT();
  // At LAUNCH the launch is finished first; only a launched brand moves on to upgrading.
  const next = stage === "LAUNCH" && !launched ? undefined : BRAND_TRANSITIONS[stage][0];
  const errors = (intent: string, field: string) =>
    answer?.intent === intent ? (answer.reply.error?.[field] ?? undefined) : undefined;
  return (
    <div className="space-y-4">
      {canUpdate ? (
        <NoteForm
          intent="update"
          title={t("creative.postUpdate")}
          button={t("creative.postUpdate")}
          errors={errors}
        />
      ) : null}
      {next ? (
        <NoteForm
          intent="advance"
          title={t("creative.advanceTo", { stage: t(`creative.stage.${next}`) })}
          button={t("creative.advance")}
          errors={errors}
        >
          <input type="hidden" name="to" value={next} />
          {next === "LAUNCH" ? (
            <label className="block space-y-1">
              <span className="block font-medium text-stone-800">{t("creative.field.trademarkNo")}</span>
              <input
                name="trademarkApplicationNo"
                inputMode="numeric"
                className="input"
                aria-describedby="trademark-error"
              />
              <ErrorList id="trademark-error" errors={errors("advance", "trademarkApplicationNo")} />
            </label>
          ) : null}
        </NoteForm>
      ) : stage === "LAUNCH" && !launched ? (
        <NoteForm
          intent="launch"
          title={t("creative.finishLaunch")}
          button={t("creative.finishLaunch")}
          errors={errors}
        />
      ) : null}
      {canAbandon ? (
        <Form method="post" className="card space-y-2">
          <h3 className="font-semibold">{t("creative.abandon")}</h3>
          <label className="block space-y-1">
            <span className="block text-stone-800">{t("creative.field.reason")}</span>
            <input name="reason" className="input" aria-describedby="abandon-error" />
            <ErrorList id="abandon-error" errors={errors("abandon", "reason")} />
          </label>
          <button
            type="submit"
            name="intent"
            value="abandon"
            className="btn-secondary w-full border-red-300 text-red-800"
          >
            {t("creative.abandon")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function NoteForm({
  intent,
  title,
  button,
  errors,
  children,
}: {
  intent: string;
  title: string;
  button: string;
  errors: (intent: string, field: string) => string[] | undefined;
  children?: React.ReactNode;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  return (
    <Form method="post" encType="multipart/form-data" className="card space-y-3">
      <h3 className="font-semibold">{title}</h3>
      <FormErrors errors={errors(intent, "")} />
      {children}
      <label className="block space-y-1">
        <span className="block text-stone-800">{t("creative.field.note")}</span>
        <textarea name="note" rows={3} className="input" aria-describedby={`${intent}-note-error`} />
        <ErrorList id={`${intent}-note-error`} errors={errors(intent, "note")} />
      </label>
      <label className="block space-y-1">
        <span className="block text-stone-800">{t("creative.field.photos")}</span>
        <input
          type="file"
          name="photos"
          accept="image/jpeg,image/png,image/webp"
          multiple
          className="block w-full"
        />
      </label>
      <button
        type="submit"
        name="intent"
        value={intent}
        className="btn-primary w-full"
        disabled={navigation.state === "submitting"}
      >
        {button}
      </button>
    </Form>
  );
}
