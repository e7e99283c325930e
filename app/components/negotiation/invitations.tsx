import { Link } from "@remix-run/react";
import { CardSection } from "~/components/card-section";
import { Reasons } from "~/components/search/recommendations";
import type { InvitationStatus } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import type { MatchReason } from "~/modules/matching/matching.server";

interface Candidate {
  id: string;
  name: string;
  title?: string | null;
  reasons: MatchReason[];
}

/** An expert the poster may invite, with why they match; one already invited shows how that stands. */
export function InviteCandidate({ expert, status }: { expert: Candidate; status?: InvitationStatus }) {
  const { t } = useT();
  return (
    <li className="rounded-lg border border-stone-200 p-3">
      {status ? (
        <p>
          <span className="font-medium">{expert.name}</span>{" "}
          <span className="text-sm text-stone-600">
            {t("negotiation.invite.already", {
              status: t(`negotiation.invitation.status.${status}`),
            })}
          </span>
        </p>
      ) : (
        <label className="flex items-start gap-2">
          <input type="checkbox" name="expertIds" value={expert.id} className="mt-1 h-5 w-5" />
          <span>
            <span className="font-medium">{expert.name}</span>
            {expert.title ? <span className="block text-sm text-stone-600">{expert.title}</span> : null}
          </span>
        </label>
      )}
      {expert.reasons.length > 0 ? <Reasons reasons={expert.reasons} /> : null}
    </li>
  );
}

/** The invitations already sent for a need, and whether each was answered. */
export function SentInvitations({
  invitations,
}: {
  invitations: { id: string; expertId: string; name: string; status: InvitationStatus }[];
}) {
  const { t } = useT();
  if (invitations.length === 0) return null;
  return (
    <CardSection id="sent" title={t("negotiation.invite.sent")} className="space-y-2">
      <ul className="space-y-1">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex justify-between gap-2">
            <Link to={`/experts/${invitation.expertId}`} className="link">
              {invitation.name}
            </Link>
            <span className="text-sm text-stone-600">
              {t(`negotiation.invitation.status.${invitation.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
