import { Link } from "@remix-run/react";
import { WorkspaceSection } from "~/components/workspace-section";
import { useT } from "~/i18n/use-t";

/** An expert's invitations still waiting for an answer, on the workspace; answered on /account/invitations. */
export function PendingInvitations({
  invitations,
}: {
  invitations: { id: string; by: string; need: { id: string; title: string; status: string } }[];
}) {
  const { t } = useT();
  return (
    <WorkspaceSection
      id="my-invitations"
      title={t("negotiation.invitations.mine")}
      link={{ to: "/account/invitations", label: t("negotiation.invitations.viewAll") }}
      empty={invitations.length === 0 ? t("negotiation.invitations.none") : undefined}
    >
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
    </WorkspaceSection>
  );
}
