import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** An expert's invitations still waiting for an answer, on the workspace; answered on /account/invitations. */
export function PendingInvitations({
  invitations,
}: {
  invitations: { id: string; by: string; need: { id: string; title: string; status: string } }[];
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="my-invitations" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="my-invitations" className="text-xl font-semibold">
          {t("negotiation.invitations.mine")}
        </h2>
        <Link to="/account/invitations" className="link">
          {t("negotiation.invitations.viewAll")}
        </Link>
      </div>
      {invitations.length === 0 ? (
        <p className="card text-stone-600">{t("negotiation.invitations.none")}</p>
      ) : null}
      <ul className="space-y-2">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="card flex flex-wrap items-center gap-2 p-3">
            {invitation.need.status === "DRAFT" ? (
              <span className="font-medium">{invitation.need.title}</span>
            ) : (
              <Link to={`/needs/${invitation.need.id}`} className="font-medium hover:underline">
                {invitation.need.title}
              </Link>
            )}
            <span className="ml-auto text-sm text-stone-600">
              {t("negotiation.invitations.from", { by: invitation.by })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
