import { Form } from "~/components/form";
import { IntentButton } from "~/components/intent-button";
import { useT } from "~/i18n/use-t";
import { SPACE_LEVELS } from "~/modules/spaces/space-directory.schema";

/** The bureau's part of a space's page: recognising (认定) it at a level, or withdrawing that. */
export function RecognitionSection({
  profile,
}: {
  profile: { level: (typeof SPACE_LEVELS)[number] | null; recognisedAt: Date | string | null } | null;
}) {
  const { t } = useT();
  return (
    <section className="card space-y-3" aria-labelledby="recognition">
      <h2 id="recognition" className="font-semibold">
        {t("spaces.recognition.title")}
      </h2>
      <Form method="post" className="flex flex-wrap items-end gap-3">
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{t("spaces.recognition.level")}</span>
          <select name="level" defaultValue={profile?.level ?? "CITY"} className="input">
            {SPACE_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`spaces.level.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="intent" value="recognise" className="btn-primary">
          {t("spaces.action.recognise")}
        </button>
      </Form>
      {profile?.recognisedAt ? (
        <IntentButton intent="withdrawRecognition" label={t("spaces.action.withdrawRecognition")} />
      ) : null}
    </section>
  );
}
