import { useT } from "~/i18n/use-t";
import { BRAND_STAGES } from "~/modules/creative/creative.schema";

/** The stages as rows of steps: done ones filled, the current one outlined. */
export function BrandProgress({
  stage,
  launched,
  abandoned,
}: {
  stage: string;
  launched: boolean;
  abandoned: boolean;
}) {
  const { t } = useT();
  const current = BRAND_STAGES.indexOf(stage as (typeof BRAND_STAGES)[number]);
  return (
    <div className="space-y-1">
      <ol className="grid grid-cols-3 gap-1 text-center text-xs">
        {BRAND_STAGES.map((name, index) => {
          const done = index < current || (launched && name === "LAUNCH" && index === current);
          return (
            <li
              key={name}
              aria-current={index === current ? "step" : undefined}
              className={`rounded px-1 py-1 ${done ? "bg-brand-700 text-white" : index === current ? "border-2 border-brand-700" : "bg-stone-100 text-stone-600"}`}
            >
              {t(`creative.stage.${name}`)}
            </li>
          );
        })}
      </ol>
      {launched ? <p className="text-sm font-medium text-brand-800">{t("creative.launched")}</p> : null}
      {abandoned ? <p className="text-sm font-medium text-red-800">{t("creative.abandoned")}</p> : null}
    </div>
  );
}
