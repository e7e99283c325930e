import { CheckboxGroup } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { APPLICANT_KINDS } from "~/modules/programmes/programmes.schema";

/** The bureau's choice of who may apply to a call: organisations, commissioners, teams. */
export function ApplicantKindsField({ meta }: { meta: Parameters<typeof CheckboxGroup>[0]["meta"] }) {
  const { t } = useT();
  return (
    <CheckboxGroup
      meta={meta}
      legend={t("applicants.kinds")}
      hint={t("applicants.kindsHint")}
      columns={1}
      options={APPLICANT_KINDS.map((kind) => ({ value: kind, label: t(`applicants.kind.${kind}`) }))}
    />
  );
}
