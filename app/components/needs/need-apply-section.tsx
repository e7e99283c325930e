import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import { deferred } from "~/components/deferred";
import { useT } from "~/i18n/use-t";
import type { OwnApplication as EagerOwnApplication } from "./own-application";

type Own = ComponentProps<typeof EagerOwnApplication>;

// Only an expert who may apply sees the form, and only one who applied their application: the
// code of each (with the form's checking) loads for them alone.
const ApplyForm = deferred(() => import("./apply-form").then((module) => module.ApplyForm));
const OwnApplication = deferred(() => import("./own-application").then((module) => module.OwnApplication));

/**
 * What the need page offers on applying: the viewer's own application if there is one, else
 * the form to an expert who may apply, the refusal to one who is not invited, and a way in to
 * a visitor.
 */
export function NeedApplySection({
  need,
  ownApplication,
  revisions,
  isExpert,
  invited,
  loggedIn,
  lastResult,
}: {
  need: Own["need"] & { id: string; status: string; arrangements: string[] };
  ownApplication: Own["application"] | null;
  revisions: Own["revisions"];
  isExpert: boolean;
  invited: boolean;
  loggedIn: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  if (ownApplication)
    return <OwnApplication application={ownApplication} revisions={revisions} need={need} />;
  if (isExpert && need.status === "OPEN" && invited)
    return <ApplyForm lastResult={lastResult} arrangements={need.arrangements} />;
  if (isExpert && need.status === "OPEN")
    return <p className="card text-stone-700">{t("negotiation.invitationOnlyRefused")}</p>;
  if (!loggedIn && need.status === "OPEN")
    return (
      <p className="card text-center">
        <Link to={`/login?redirectTo=/needs/${need.id}`} className="link">
          {t("applications.loginToApply")}
        </Link>
      </p>
    );
  return null;
}
