import { PovertyBadge } from "~/components/poverty-badge";
import { RevealLink } from "~/components/privacy/reveal-link";
import { useT } from "~/i18n/use-t";

export interface ProxyView {
  informantName: string;
  farmerName: string;
  farmerPhone: string | null;
  /** The phone is masked and this viewer may see it in full (logged). */
  canRevealPhone: boolean;
  claimed: boolean;
  voiceUrl: string | null;
}

/** On a need page: the poverty village mark, and who posted for whom with the farmer's voice note. */
export function NeedReachPanel({ poverty, proxy }: { poverty: boolean; proxy: ProxyView | null }) {
  const { t } = useT();
  if (!poverty && !proxy) return null;
  return (
    <section
      className="card space-y-2"
      aria-label={proxy ? t("reach.attribution") : t("reach.poverty.badge")}
    >
      {poverty ? <PovertyBadge marked /> : null}
      {proxy ? (
        <>
          <p className="font-medium text-brand-800">{t("reach.attribution")}</p>
          <p className="text-sm text-stone-700">
            {t("reach.attribution.informant", { name: proxy.informantName })} ·{" "}
            {t("reach.attribution.farmer", { name: proxy.farmerName })}
            {proxy.farmerPhone ? ` · ${t("reach.attribution.phone", { phone: proxy.farmerPhone })}` : ""}
            {proxy.claimed ? ` · ${t("reach.attribution.claimed")}` : ""}
          </p>
          {proxy.canRevealPhone ? <RevealLink /> : null}
          {proxy.voiceUrl ? (
            <figure className="space-y-1">
              <figcaption className="text-sm text-stone-600">{t("reach.voice.label")}</figcaption>
              <audio
                controls
                preload="none"
                src={proxy.voiceUrl}
                className="w-full"
                aria-label={t("reach.voice.label")}
              />
            </figure>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
