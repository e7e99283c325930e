import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  getProgramme,
  isAccepting,
  listOwnApplications,
  viewerEligibility,
} from "~/modules/programmes/programmes.queries.server";
import { commissionerApplyOptions } from "~/modules/programmes/programmes.applicants.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { CommissionerEligibility } from "~/components/applicants/commissioner-eligibility";
import { ApplicationStatus, CallSummary, MoneySummary } from "~/components/programmes/programme-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const programme = await getProgramme(params.id ?? "");
  if (!programme) throw new Response("Not found", { status: 404 });
  const user = await getOptionalUser(request);
  const [eligibility, own, commissioner] = await Promise.all([
    viewerEligibility(programme, user),
    user ? listOwnApplications(programme.id, user) : [],
    user ? commissionerApplyOptions(user.id, programme.applicantKinds) : { self: false, teams: [] },
  ]);
  return {
    locale: await getLocale(request),
    programme,
    eligibility,
    own,
    commissioner,
    accepting: isAccepting(programme),
    loggedIn: Boolean(user),
  };
}

export default function ProgrammePage() {
  const { t } = useT();
  const { programme, eligibility, own, accepting, commissioner } = useLoaderData<typeof loader>();
  const asCommissioner = commissioner.self || commissioner.teams.length > 0;
  const canApply =
    asCommissioner ||
    (programme.applicantKinds.includes("ORGANISATION") &&
      eligibility.some((org) => org.verified && !org.ban && org.reasons.length === 0));
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{programme.title}</h1>
      <p className="whitespace-pre-line">{programme.description}</p>
      <div className="card space-y-3">
        <h2 className="font-semibold">{t("programmes.eligibility")}</h2>
        <CallSummary programme={programme} />
        {programme.requiresBenefitLinkage ? (
          <p
            className="rounded border border-amber-300 bg-amber-50 p-2 text-sm"
            data-testid="linkage-condition"
          >
            {t("linkage.programme.condition")}{" "}
            <Link to="/linkage" className="link">
              {t("linkage.programme.conditionLink")}
            </Link>
          </p>
        ) : null}
      </div>
      <div className="card">
        <MoneySummary money={programme.money} />
      </div>
      <div className="card space-y-2" aria-live="polite">
        {asCommissioner ? <CommissionerEligibility commissioner={commissioner} /> : null}
        {eligibility.length === 0 && !asCommissioner ? <p>{t("programmes.noOrg")}</p> : null}
        {eligibility.map((org) =>
          org.reasons.includes("applicantKind") ? (
            <p key={org.id} className="text-red-800">
              {t("programmes.ineligible.applicantKind", { org: org.name })}
            </p>
          ) : !org.verified ? (
            <p key={org.id}>{t("programmes.orgUnverified", { org: org.name })}</p>
          ) : org.ban ? (
            <p key={org.id} className="text-red-800">
              {t("programmes.banned", { org: org.name, reason: org.ban.reason, until: org.ban.until })}
            </p>
          ) : org.reasons.length === 0 ? (
            <p key={org.id} className="text-brand-800">
              {t("programmes.eligible", { org: org.name })}
            </p>
          ) : (
            org.reasons.map((reason) => (
              <p key={org.id + reason} className="text-red-800">
                {t(`programmes.ineligible.${reason}`, { org: org.name })}
              </p>
            ))
          ),
        )}
        {programme.eligibleIndustries.length ? (
          <p className="text-sm text-stone-600">{t("programmes.ineligible.industry")}</p>
        ) : null}
        {!accepting ? (
          <p>{t("programmes.closedNotice")}</p>
        ) : canApply ? (
          <Link to="apply" className="btn-primary w-full">
            {t("programmes.apply")}
          </Link>
        ) : null}
      </div>
      {own.length ? (
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("programmes.myApplications")}</h2>
          <ul className="space-y-1">
            {own.map((application) => (
              <li key={application.id} className="flex flex-wrap items-center gap-2">
                <Link to={`/programmes/applications/${application.id}`} className="link">
                  {application.title}
                </Link>
                <ApplicationStatus status={application.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
