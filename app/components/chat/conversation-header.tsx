import { Link } from "@remix-run/react";
import { VerifiedBadge } from "~/components/verified-badge";
import { useT } from "~/i18n/use-t";

/** Who a conversation is with and what it is about, linking to the agreement or the need. */
export function ConversationHeader({
  kind,
  title,
  others,
  agreement,
  application,
}: {
  kind: "DIRECT" | "APPLICATION" | "AGREEMENT";
  title: string;
  others: { id: string; name: string; verified: boolean }[];
  agreement: { id: string; number: string; title: string } | null;
  application: { need: { id: string; title: string } } | null;
}) {
  const { t } = useT();
  return (
    <header className="space-y-1">
      <p className="text-xs text-stone-500">{t(`chat.kind.${kind}`)}</p>
      <h1 className="text-xl font-bold">{title}</h1>
      <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-600">
        {t("chat.participants")}
        {others.map((other) => (
          <span key={other.id} className="inline-flex items-center gap-1">
            {other.name}
            <VerifiedBadge verified={other.verified} compact />
          </span>
        ))}
      </p>
      {agreement ? (
        <p className="text-sm">
          <Link to={`/agreements/${agreement.id}`} className="link">
            {agreement.number} · {agreement.title}
          </Link>
        </p>
      ) : null}
      {application ? (
        <p className="text-sm">
          <Link to={`/needs/${application.need.id}`} className="link">
            {application.need.title}
          </Link>
        </p>
      ) : null}
    </header>
  );
}
