import { useT } from "~/i18n/use-t";

/** 建档立卡贫困村: shown beside an organisation the bureau registered as a poverty village. */
export function PovertyBadge({ marked, reason = false }: { marked: boolean; reason?: boolean }) {
  const { t } = useT();
  if (!marked) return null;
  return (
    <span className="inline-flex items-center rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-900">
      {t(reason ? "reach.poverty.reason" : "reach.poverty.badge")}
    </span>
  );
}
