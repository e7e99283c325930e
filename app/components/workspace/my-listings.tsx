import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { STATUS_TONE } from "~/components/needs/need-labels";
import { formatDate, formatMoney } from "~/i18n/format";
import type {
  ApplicationStatus,
  NeedStatus,
  OfferStatus,
  ProgrammeApplicationStatus,
} from "~/generated/prisma/enums";
import { ApplicationStatus as ProgrammeStatusBadge } from "~/components/programmes/programme-views";
import { useT } from "~/i18n/use-t";

type DateLike = Date | string;

interface MyNeed {
  id: string;
  title: string;
  status: NeedStatus;
  hiddenAt: DateLike | null;
  applicationCount: number;
  waiting: number;
}

/** The needs a person posted, with how many applications wait for an answer. */
export function MyNeedsSection({ needs }: { needs: MyNeed[] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="my-needs" className="space-y-3">
      <h2 id="my-needs" className="text-xl font-semibold">
        {t("workspace.myNeeds")}
      </h2>
      {needs.length === 0 ? <p className="card text-stone-600">{t("workspace.noNeeds")}</p> : null}
      <ul className="space-y-2">
        {needs.map((need) => (
          <li key={need.id} className="card flex flex-wrap items-center gap-2 p-3">
            <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_TONE[need.status]}`}>
              {t(`needs.status.${need.status}`)}
            </span>
            <Link to={`/needs/${need.id}`} className="font-medium hover:underline">
              {need.title}
            </Link>
            {need.hiddenAt ? (
              <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                {t("needs.hidden")}
              </span>
            ) : null}
            <span className="ml-auto text-sm text-stone-600">
              {need.applicationCount > 0 ? (
                <Link to={`/needs/${need.id}/applications`} className="link">
                  {t("needs.applicationsCount", { count: need.applicationCount })}
                  {need.waiting > 0 ? ` · ${t("workspace.waiting", { count: need.waiting })}` : ""}
                </Link>
              ) : (
                t("needs.applicationsCount", { count: 0 })
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface MyApplication {
  id: string;
  status: ApplicationStatus;
  priceFen: number;
  updatedAt: DateLike;
  need: { id: string; title: string };
  agreement: { id: string } | null;
}

/** An expert's applications: the conversation about each, and the agreement once one is accepted. */
export function MyApplicationsSection({ applications }: { applications: MyApplication[] }) {
  const { t, locale } = useT();
  return (
    <section aria-labelledby="my-applications" className="space-y-3">
      <h2 id="my-applications" className="text-xl font-semibold">
        {t("workspace.myApplications")}
      </h2>
      {applications.length === 0 ? (
        <p className="card text-stone-600">{t("workspace.noApplications")}</p>
      ) : null}
      <ul className="space-y-2">
        {applications.map((application) => (
          <li key={application.id} className="card flex flex-wrap items-center gap-2 p-3">
            <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
              {t(`applications.status.${application.status}`)}
            </span>
            <Link to={`/needs/${application.need.id}`} className="font-medium hover:underline">
              {application.need.title}
            </Link>
            <span className="ml-auto text-sm text-stone-600">
              {formatMoney(locale, application.priceFen)} · {formatDate(locale, application.updatedAt)}
            </span>
            <Form method="post" action={`/messages/application/${application.id}`}>
              <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
                {t("chat.openApplication")}
              </button>
            </Form>
            {application.status === "ACCEPTED" && application.agreement ? (
              <Link
                to={`/agreements/${application.agreement.id}`}
                className="btn-primary min-h-9 py-1 text-sm"
              >
                {t("agreements.action.open")}
              </Link>
            ) : application.status === "ACCEPTED" ? (
              <Form method="post" action="/agreements/new">
                <input type="hidden" name="source" value="application" />
                <input type="hidden" name="applicationId" value={application.id} />
                <input type="hidden" name="redirectTo" value="/workspace" />
                <button type="submit" className="btn-primary min-h-9 py-1 text-sm">
                  {t("agreements.action.draft")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface MyOffer {
  id: string;
  title: string;
  status: OfferStatus;
  hiddenAt: DateLike | null;
  updatedAt: DateLike;
}

/** The offers a person published. */
export function MyOffersSection({ offers }: { offers: MyOffer[] }) {
  const { t, locale } = useT();
  return (
    <section aria-labelledby="my-offers" className="space-y-3">
      <h2 id="my-offers" className="text-xl font-semibold">
        {t("workspace.myOffers")}
      </h2>
      {offers.length === 0 ? <p className="card text-stone-600">{t("workspace.noOffers")}</p> : null}
      <ul className="space-y-2">
        {offers.map((offer) => (
          <li key={offer.id} className="card flex flex-wrap items-center gap-2 p-3">
            <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
              {t(`offers.status.${offer.status}`)}
            </span>
            <Link to={`/offers/${offer.id}`} className="font-medium hover:underline">
              {offer.title}
            </Link>
            {offer.hiddenAt ? (
              <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">
                {t("needs.hidden")}
              </span>
            ) : null}
            <span className="ml-auto text-sm text-stone-600">{formatDate(locale, offer.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The programme projects the person follows: to the application page, where plans and reports are. */
export function MyProgrammeProjectsSection({
  projects,
}: {
  projects: { id: string; title: string; status: ProgrammeApplicationStatus; programme: { title: string } }[];
}) {
  const { t } = useT();
  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="my-programme-projects" className="space-y-3">
      <h2 id="my-programme-projects" className="text-xl font-semibold">
        {t("workspace.myProgrammeProjects")}
      </h2>
      <ul className="space-y-2">
        {projects.map((project) => (
          <li key={project.id} className="card flex flex-wrap items-center gap-2 p-3">
            <ProgrammeStatusBadge status={project.status} />
            <Link to={`/programmes/applications/${project.id}`} className="font-medium hover:underline">
              {project.title}
            </Link>
            <span className="w-full text-sm text-stone-600">{project.programme.title}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
