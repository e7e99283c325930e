import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { VerifiedBadge } from "~/components/verified-badge";
import { useT } from "~/i18n/use-t";
import { HiddenNotice, ModerationForm } from "./profile-sections";

/*
 * The page of a profile, an expert's or an organisation's: the moderator's notice, a header card
 * with the name, its badges and the owner's edit and verify links, then the kind's own sections,
 * then the moderator's form.
 */
export function ProfileLayout({
  hidden,
  eyebrow,
  name,
  verified,
  badges,
  intro,
  editLinks,
  canModerate,
  lastResult,
  children,
}: {
  hidden: { reason: string } | null;
  /** A line above the name, such as the organisation's type. */
  eyebrow?: ReactNode;
  name: string;
  verified: boolean;
  /** Badges after the verified one. */
  badges?: ReactNode;
  /** What the header says under the name. */
  intro: ReactNode;
  /** The owner's links; the verify link shows only while the profile is not verified. */
  editLinks: { editHref: string; editLabel: string; verifyHref: string } | null;
  canModerate: boolean;
  lastResult?: SubmissionResult<string[]> | null;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <HiddenNotice hidden={hidden} />
      <header className="card">
        {eyebrow}
        <h1 className={`${eyebrow ? "mt-1 " : ""}flex flex-wrap items-center gap-2 text-2xl font-bold`}>
          <span>{name}</span>
          <VerifiedBadge verified={verified} />
          {badges}
        </h1>
        {intro}
        {editLinks ? (
          <div className="mt-4 flex flex-wrap gap-2">
            <Link to={editLinks.editHref} className="btn-secondary">
              {editLinks.editLabel}
            </Link>
            {!verified ? (
              <Link to={editLinks.verifyHref} className="btn-secondary">
                {t("profiles.verify")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </header>
      {children}
      {canModerate ? <ModerationForm hidden={Boolean(hidden)} lastResult={lastResult} /> : null}
    </article>
  );
}
