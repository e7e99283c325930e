import { Form } from "~/components/form";
import type { ComponentProps } from "react";
import { RevisionThread } from "~/components/revision-thread";
import { formatDate, formatMoney } from "~/i18n/format";
import type { ApplicationStatus, ArrangementType } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";

type Thread = ComponentProps<typeof RevisionThread>;

export type OwnApplicationData = Thread["current"] & {
  id: string;
  status: ApplicationStatus;
  createdAt: Date | string;
  decisionMessage: string | null;
};

/** An expert's own application to a need: its terms, the revisions proposed, and withdrawing it. */
export function OwnApplication({
  application,
  revisions,
  need,
}: {
  application: OwnApplicationData;
  revisions: Thread["revisions"];
  need: { id: string; status: string; hiddenAt: Date | string | null; arrangements: ArrangementType[] };
}) {
  const { t, locale } = useT();
  const pending = application.status === "SUBMITTED" || application.status === "SHORTLISTED";
  return (
    <section className="card space-y-2" aria-labelledby="own-application">
      <h2 id="own-application" className="text-lg font-semibold">
        {t("applications.yours")}
      </h2>
      <p>
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm">
          {t(`applications.status.${application.status}`)}
        </span>{" "}
        {formatMoney(locale, application.priceFen)} · {t(`arrangement.${application.arrangement}`)} ·{" "}
        {t("applications.on", { date: formatDate(locale, application.createdAt) })}
      </p>
      {application.decisionMessage ? (
        <p className="text-stone-700">
          {t("applications.decisionMessage", { message: application.decisionMessage })}
        </p>
      ) : null}
      <div id="revisions">
        <RevisionThread
          applicationId={application.id}
          revisions={revisions}
          side="APPLICANT"
          open={pending && need.status === "OPEN" && !need.hiddenAt}
          arrangements={need.arrangements}
          current={application}
          redirectTo={`/needs/${need.id}`}
        />
      </div>
      {pending ? (
        <Form method="post">
          <input type="hidden" name="applicationId" value={application.id} />
          <button name="intent" value="withdraw" className="btn-secondary">
            {t("applications.withdraw")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
