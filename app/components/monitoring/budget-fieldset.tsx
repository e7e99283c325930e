import type { FieldMetadata } from "@conform-to/react";
import { ErrorList, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { BUDGET_CATEGORIES, type BudgetCategory } from "~/modules/monitoring/monitoring.budget";

type TextMeta = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
/** The `budget` object field of a conform form: one amount field per category. */
interface BudgetMeta {
  errorId: string;
  errors?: string[];
  getFieldset: () => Record<BudgetCategory, TextMeta>;
}

/**
 * The budget by line (科技项目经费预算): one amount per category, adding up to the amount
 * requested, then the team and suppliers the money may go to. Used by the application form and
 * the change request form.
 */
export function BudgetFieldset({
  budget,
  team,
  suppliers,
  hint,
}: {
  budget: BudgetMeta;
  team: TextMeta;
  suppliers: TextMeta;
  hint: string;
}) {
  const { t } = useT();
  const lines = budget.getFieldset();
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 p-3">
      <legend className="px-1 font-semibold">{t("monitoring.budgetLegend")}</legend>
      <p className="text-sm text-stone-600">{hint}</p>
      <div className="grid grid-cols-2 gap-3">
        {BUDGET_CATEGORIES.map((category) => (
          <TextField
            key={category}
            meta={lines[category]}
            label={t(`monitoring.category.${category}`)}
            inputMode="decimal"
          />
        ))}
      </div>
      <ErrorList id={budget.errorId} errors={budget.errors} />
      <TextAreaField
        meta={team}
        label={t("monitoring.field.team")}
        hint={t("monitoring.field.namesHint")}
        rows={2}
      />
      <TextAreaField
        meta={suppliers}
        label={t("monitoring.field.suppliers")}
        hint={t("monitoring.field.namesHint")}
        rows={2}
      />
    </fieldset>
  );
}
