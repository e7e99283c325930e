import {
  intentErrors,
  PlainField,
  PlainSelect,
  type IntentAnswer,
} from "~/components/forms-plain/intent-fields";
import { useT } from "~/i18n/use-t";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { TOWN_PLAN_SECTIONS, TOWN_STATUSES } from "~/modules/towns/towns.schema";

/** The fields of a town's plan, for the new-town form and the town page's edit form. */
export function TownFields({
  answer,
  intent,
  town,
  counties,
}: {
  answer?: IntentAnswer;
  intent: string;
  town?: Record<(typeof TOWN_PLAN_SECTIONS)[number] | "name" | "countyCode" | "status", string>;
  /** The counties the editor may place the town in (a county officer: their own). */
  counties?: string[];
}) {
  const { t, locale } = useT();
  const errors = (field: string) => intentErrors(answer, intent, field);
  return (
    <>
      <PlainField
        name="name"
        label={t("towns.field.name")}
        defaultValue={town?.name}
        errors={errors("name")}
      />
      <PlainSelect
        name="countyCode"
        label={t("towns.field.county")}
        placeholder={t("towns.choose")}
        defaultValue={town?.countyCode ?? ""}
        options={COUNTIES.filter((county) => !counties || counties.includes(county.code)).map((county) => ({
          value: county.code,
          label: localName(county, locale),
        }))}
        errors={errors("countyCode")}
      />
      {TOWN_PLAN_SECTIONS.map((section) => (
        <PlainField
          key={section}
          name={section}
          label={t(`towns.field.${section}`)}
          defaultValue={town?.[section]}
          errors={errors(section)}
          multiline
        />
      ))}
      <PlainSelect
        name="status"
        label={t("towns.field.status")}
        defaultValue={town?.status ?? "PLANNING"}
        options={TOWN_STATUSES.map((status) => ({ value: status, label: t(`towns.status.${status}`) }))}
        errors={errors("status")}
      />
    </>
  );
}
