import { SelectField } from "~/components/forms";
import { useT } from "~/i18n/use-t";

/**
 * Who applies, on the programme apply form: one of the person's organisations, the person as a
 * commissioner ("self"), or a team they lead ("team:<id>"). One field, so the rest of the form
 * and its schema stay as they were for organisations.
 */
export function ApplicantFieldset({
  meta,
  organisations,
  commissioner,
}: {
  meta: Parameters<typeof SelectField>[0]["meta"];
  organisations: { id: string; name: string }[];
  commissioner: { self: boolean; teams: { value: string; name: string }[] };
}) {
  const { t } = useT();
  return (
    <fieldset>
      <SelectField
        meta={meta}
        label={t("applicants.party")}
        options={[
          ...organisations.map((org) => ({ value: org.id, label: org.name })),
          ...(commissioner.self ? [{ value: "self", label: t("applicants.self") }] : []),
          ...commissioner.teams.map((team) => ({
            value: team.value,
            label: t("applicants.teamOption", { name: team.name }),
          })),
        ]}
      />
    </fieldset>
  );
}
