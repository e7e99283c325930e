import { Form } from "~/components/form";
import { useT } from "~/i18n/use-t";
import { RETENTION_DAYS, type SensitivePurpose } from "~/modules/privacy/policy";

/**
 * Asks for a sensitive consent before the feature that needs it, as a plain form that records
 * the consent on /account/privacy and comes back here (no silent collection; works without JS).
 */
export function ConsentPrompt({ purpose, returnTo }: { purpose: SensitivePurpose; returnTo: string }) {
  const { t } = useT();
  const purposeName = t(`privacy.purpose.${purpose}`);
  return (
    <Form method="post" action="/account/privacy" className="card space-y-3 border-amber-300 bg-amber-50">
      <h2 className="text-lg font-semibold">{t("privacy.ask.title")}</h2>
      <p className="text-stone-700">{t(`privacy.ask.${purpose}`, { days: RETENTION_DAYS.voiceNotes })}</p>
      <input type="hidden" name="intent" value="grant" />
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <label className="flex items-start gap-2">
        <input type="checkbox" name="agree" required className="mt-1" />
        <span>{t("privacy.ask.agree", { purpose: purposeName })}</span>
      </label>
      <button type="submit" className="btn-primary">
        {t("privacy.ask.submit")}
      </button>
    </Form>
  );
}
