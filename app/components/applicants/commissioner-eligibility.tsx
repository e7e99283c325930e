import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** On a programme page: the viewer may apply as a commissioner, and for which of their teams. */
export function CommissionerEligibility({
  commissioner,
}: {
  commissioner: { self: boolean; teams: { value: string; name: string }[] };
}) {
  const { t } = useT();
  return (
    <>
      {commissioner.self ? <p className="text-brand-800">{t("applicants.eligibleSelf")}</p> : null}
      {commissioner.teams.map((team) => (
        <p key={team.value} className="text-brand-800">
          {t("applicants.eligibleTeam", { name: team.name })}
        </p>
      ))}
      <Link to="/commissioners/teams" className="link text-sm">
        {t("applicants.teams.title")}
      </Link>
    </>
  );
}
