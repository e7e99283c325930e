import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { PRIVACY_NOTICE_VERSION, RETENTION_DAYS, type RetentionKind } from "~/modules/privacy/policy";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("privacy.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

const SECTIONS = [
  [
    "privacy.collected.title",
    [
      "privacy.collected.account",
      "privacy.collected.profile",
      "privacy.collected.activity",
      "privacy.collected.logs",
    ],
  ],
  ["privacy.sensitive.title", ["privacy.sensitive.body"]],
  ["privacy.audience.title", ["privacy.audience.body"]],
  ["privacy.rights.title", ["privacy.rights.body"]],
  ["privacy.contact.title", ["privacy.contact.body"]],
] as const;

const RETENTION_ORDER: RetentionKind[] = ["audit", "loginAttempts", "voiceNotes", "deletedAccounts"];

/** The privacy notice people agree to at sign-up; its version is recorded with every consent. */
export default function PrivacyNoticePage() {
  const { t } = useT();
  return (
    <article className="mx-auto max-w-2xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("privacy.title")}</h1>
        <p className="text-sm text-stone-600">{t("privacy.version", { version: PRIVACY_NOTICE_VERSION })}</p>
      </header>
      <p>{t("privacy.intro")}</p>
      {SECTIONS.slice(0, 2).map(([title, lines]) => (
        <section key={title} className="space-y-2">
          <h2 className="text-lg font-semibold">{t(title)}</h2>
          {lines.map((line) => (
            <p key={line}>{t(line)}</p>
          ))}
        </section>
      ))}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("privacy.retention.title")}</h2>
        <ul className="list-disc space-y-1 pl-5">
          {RETENTION_ORDER.map((kind) => (
            <li key={kind}>{t(`privacy.retention.${kind}`, { days: RETENTION_DAYS[kind] })}</li>
          ))}
          <li>{t("privacy.retention.ledger")}</li>
        </ul>
      </section>
      {SECTIONS.slice(2).map(([title, lines]) => (
        <section key={title} className="space-y-2">
          <h2 className="text-lg font-semibold">{t(title)}</h2>
          {lines.map((line) => (
            <p key={line}>{t(line)}</p>
          ))}
        </section>
      ))}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
