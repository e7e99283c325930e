import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ComponentProps } from "react";
import { RevisionThread } from "~/components/revision-thread";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatMoney } from "~/i18n/format";
import type { ApplicationStatus, ArrangementType } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";

type Thread = ComponentProps<typeof RevisionThread>;

export type ReceivedApplicationData = Thread["current"] & {
  id: string;
  status: ApplicationStatus;
  approach: string;
  timeline: string;
  createdAt: Date | string;
  decisionMessage: string | null;
  expert: {
    id: string;
    displayName: string;
    verifiedAt: Date | string | null;
    expertProfile: { isCommissioner: boolean; title: string | null } | null;
  };
};

/**
 * One application as the need's poster sees it: the expert, the terms and approach, the
 * conversation and revisions, and while the need is open, shortlisting, accepting or declining.
 */
export function ReceivedApplication({
  application,
  revisions,
  need,
}: {
  application: ReceivedApplicationData;
  revisions: Thread["revisions"];
  need: { id: string; status: string; arrangements: ArrangementType[] };
}) {
  const { t, locale } = useT();
  const undecided =
    need.status === "OPEN" && (application.status === "SUBMITTED" || application.status === "SHORTLISTED");
  return (
    <li id={`application-${application.id}`} className="card space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Link to={`/experts/${application.expert.id}`} className="font-semibold hover:underline">
          {application.expert.displayName}
        </Link>
        <VerifiedBadge verified={Boolean(application.expert.verifiedAt)} compact />
        {application.expert.expertProfile?.isCommissioner ? (
          <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
            {t("badge.commissioner")}
          </span>
        ) : null}
        <span className="ml-auto rounded-full bg-stone-100 px-2 py-0.5 text-sm">
          {t(`applications.status.${application.status}`)}
        </span>
      </div>
      {application.expert.expertProfile?.title ? (
        <p className="text-sm text-stone-600">{application.expert.expertProfile.title}</p>
      ) : null}
      <p className="font-medium text-brand-800">
        {formatMoney(locale, application.priceFen)} · {t(`arrangement.${application.arrangement}`)}
      </p>
      <div>
        <h2 className="text-sm text-stone-600">{t("applications.approach")}</h2>
        <p className="whitespace-pre-line">{application.approach}</p>
      </div>
      <div>
        <h2 className="text-sm text-stone-600">{t("applications.timeline")}</h2>
        <p>{application.timeline}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm text-stone-600">
          {t("applications.on", { date: formatDate(locale, application.createdAt) })}
        </p>
        <Form method="post" action={`/messages/application/${application.id}`} className="ml-auto">
          <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
            {t("chat.openApplicationLong")}
          </button>
        </Form>
        {application.status === "ACCEPTED" ? (
          <Form method="post" action="/agreements/new">
            <input type="hidden" name="source" value="application" />
            <input type="hidden" name="applicationId" value={application.id} />
            <input type="hidden" name="redirectTo" value={`/needs/${need.id}/applications`} />
            <button type="submit" className="btn-primary min-h-9 py-1 text-sm">
              {t("agreements.action.draft")}
            </button>
          </Form>
        ) : null}
      </div>
      <RevisionThread
        applicationId={application.id}
        revisions={revisions}
        side="POSTER"
        open={undecided}
        arrangements={need.arrangements}
        current={application}
        redirectTo={`/needs/${need.id}/applications`}
      />
      {undecided ? (
        <Form method="post" className="space-y-3 border-t border-stone-200 pt-3">
          <input type="hidden" name="applicationId" value={application.id} />
          <label className="block text-sm">
            <span className="text-stone-700">{t("applications.message")}</span>
            <textarea name="message" rows={2} maxLength={1000} className="input mt-1" />
          </label>
          <div className="flex flex-wrap gap-2">
            {application.status === "SUBMITTED" ? (
              <button name="intent" value="shortlist" className="btn-secondary">
                {t("applications.shortlist")}
              </button>
            ) : null}
            <button name="intent" value="accept" className="btn-primary">
              {t("applications.accept")}
            </button>
            <button name="intent" value="decline" className="btn-secondary">
              {t("applications.decline")}
            </button>
          </div>
        </Form>
      ) : application.decisionMessage ? (
        <p className="text-sm text-stone-700">{application.decisionMessage}</p>
      ) : null}
    </li>
  );
}
