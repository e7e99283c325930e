import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Asks the same page for full contact details (?reveal=contact); the server logs the view. */
export function RevealLink() {
  const { t } = useT();
  return (
    <p className="mt-2 text-sm">
      <Link to="?reveal=contact" className="link" preventScrollReset rel="nofollow">
        {t("privacy.reveal")}
      </Link>{" "}
      <span className="text-stone-600">({t("privacy.revealHint")})</span>
    </p>
  );
}
