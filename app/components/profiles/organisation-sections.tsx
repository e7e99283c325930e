import { Link } from "@remix-run/react";
import { CardSection } from "~/components/card-section";
import { VerifiedBadge } from "~/components/verified-badge";
import type { Role } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";

/** What an organisation mainly produces, as tags. */
export function MainProducts({ products }: { products: string[] }) {
  const { t } = useT();
  if (products.length === 0) return null;
  return (
    <CardSection id="products" title={t("profiles.mainProducts")}>
      <ul className="mt-2 flex flex-wrap gap-2">
        {products.map((product) => (
          <li key={product} className="rounded-full bg-stone-100 px-3 py-1">
            {product}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}

interface Member {
  id: string;
  displayName: string;
  hasProfile: boolean;
  verified: boolean;
  role: Role;
}

/** The organisation's members and their roles; those with an expert profile link to it. */
export function OrganisationMembers({ members }: { members: Member[] }) {
  const { t } = useT();
  return (
    <CardSection id="members" title={t("profiles.members")}>
      {members.length === 0 ? <p className="mt-2 text-stone-600">{t("profiles.noMembers")}</p> : null}
      <ul className="mt-2 divide-y divide-stone-200">
        {members.map((member) => (
          <li key={member.id} className="flex flex-wrap items-center gap-2 py-2">
            {member.hasProfile ? (
              <Link to={`/experts/${member.id}`} className="link">
                {member.displayName}
              </Link>
            ) : (
              <span>{member.displayName}</span>
            )}
            <VerifiedBadge verified={member.verified} compact />
            <span className="text-sm text-stone-600">{t(`role.${member.role}`)}</span>
          </li>
        ))}
      </ul>
    </CardSection>
  );
}

interface AffiliatedExpert {
  userId: string;
  title: string | null;
  isCommissioner: boolean;
  user: { displayName: string; verifiedAt: Date | string | null };
}

/** Experts who name the organisation as their affiliation. */
export function OrganisationExperts({ experts }: { experts: AffiliatedExpert[] }) {
  const { t } = useT();
  if (experts.length === 0) return null;
  return (
    <CardSection id="experts" title={t("profiles.experts")}>
      <ul className="mt-2 divide-y divide-stone-200">
        {experts.map((expert) => (
          <li key={expert.userId} className="flex flex-wrap items-center gap-2 py-2">
            <Link to={`/experts/${expert.userId}`} className="link">
              {expert.user.displayName}
            </Link>
            <VerifiedBadge verified={Boolean(expert.user.verifiedAt)} compact />
            <span className="text-sm text-stone-600">{expert.title}</span>
            {expert.isCommissioner ? (
              <span className="text-sm text-brand-800">{t("profiles.expert.commissioner")}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
