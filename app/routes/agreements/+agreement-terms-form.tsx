import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import {
  TermsFormSchema,
  newComponentDefaults,
  type termsFormDefaults,
} from "~/modules/agreements/agreements.schema";
import {
  COMPONENT_TYPES,
  DISPUTE_FORUMS,
  MAX_COMPONENTS,
  RESULTS_IP_OWNERS,
  MAX_MILESTONES,
  REVENUE_BASES,
  REVENUE_PERIODS,
  type ComponentType,
} from "~/modules/agreements/terms";

type Defaults = ReturnType<typeof termsFormDefaults>;
type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;
// conform types a discriminated union's fieldset loosely; every variant's fields are named here.
type Fieldset = Record<string, Meta>;

/**
 * The terms form. Components and milestones are conform field lists; their add and remove
 * buttons are submit buttons carrying conform's intent, so without JavaScript the server
 * answers with the list changed, and with it the change happens in place.
 */
function useTermsForm(defaults: Defaults, lastResult: SubmissionResult<string[]> | undefined) {
  return useForm({
    id: "agreement-terms",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TermsFormSchema }),
  });
}

type TermsFormMeta = ReturnType<typeof useTermsForm>[0];

export function TermsForm({
  defaults,
  lastResult,
}: {
  defaults: Defaults;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useTermsForm(defaults, lastResult);
  const components = fields.components.getFieldList();
  const present = new Set(
    components.map((c) => (c.getFieldset() as unknown as Fieldset).type?.initialValue as string | undefined),
  );
  const startDate = (fields.startDate.initialValue as string | undefined) ?? defaults.startDate;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-5">
      <FormErrors errors={form.errors} />
      <TextField meta={fields.title} label={t("agreements.field.title")} />
      <div className="grid grid-cols-2 gap-4">
        <TextField meta={fields.startDate} label={t("agreements.field.startDate")} type="date" />
        <TextField meta={fields.endDate} label={t("agreements.field.endDate")} type="date" />
      </div>
      <TextField
        meta={fields.reviewWindowDays}
        label={t("agreements.field.reviewWindowDays")}
        hint={t("agreements.field.reviewWindowHint")}
        inputMode="decimal"
      />
      {components.map((component, index) => {
        const set = component.getFieldset() as unknown as Fieldset;
        const type = set.type!.initialValue as ComponentType;
        return (
          <fieldset
            key={component.key}
            className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3"
          >
            <legend className="float-left mb-1 w-full font-semibold text-brand-800">
              {t(`arrangement.${type}`)}
            </legend>
            <input type="hidden" name={set.type!.name} value={type} />
            <ErrorList errors={set.type!.errors} />
            <ComponentFields type={type} set={set} form={form} />
            {components.length > 1 ? (
              <button
                {...form.remove.getButtonProps({ name: fields.components.name, index })}
                className="btn-secondary min-h-9 py-1 text-sm"
              >
                {t("agreements.form.removeComponent")}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <ErrorList errors={fields.components.errors} />
      {components.length < MAX_COMPONENTS ? (
        <div className="space-y-2">
          <p className="text-sm text-stone-700">{t("agreements.form.addComponent")}</p>
          <div className="flex flex-wrap gap-2">
            {COMPONENT_TYPES.filter((type) => !present.has(type)).map((type) => (
              <button
                key={type}
                {...form.insert.getButtonProps({
                  name: fields.components.name,
                  defaultValue: newComponentDefaults(type, startDate),
                })}
                className="btn-secondary min-h-9 py-1 text-sm"
              >
                + {t(`arrangement.${type}`)}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
        <legend className="float-left mb-1 w-full font-semibold text-brand-800">
          {t("agreements.field.legalSection")}
        </legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            meta={fields.confidentialityYears}
            label={t("agreements.field.confidentialityYears")}
            inputMode="decimal"
          />
          <SelectField
            meta={fields.resultsIp}
            label={t("agreements.field.resultsIp")}
            options={RESULTS_IP_OWNERS.map((value) => ({ value, label: t(`agreements.resultsIp.${value}`) }))}
          />
          <TextField
            meta={fields.penaltyPerDay}
            label={t("agreements.field.penaltyPerDay")}
            hint={t("agreements.field.penaltyPerDayHint")}
            inputMode="decimal"
          />
          <TextField meta={fields.penaltyCap} label={t("agreements.field.penaltyCap")} inputMode="decimal" />
        </div>
        <SelectField
          meta={fields.disputeForum}
          label={t("agreements.field.disputeForum")}
          options={DISPUTE_FORUMS.map((value) => ({ value, label: t(`agreements.disputeForum.${value}`) }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            meta={fields.arbitrationCommission}
            label={t("agreements.field.arbitrationCommission")}
          />
          <TextField meta={fields.courtPlace} label={t("agreements.field.courtPlace")} />
        </div>
      </fieldset>
      <TextAreaField
        meta={fields.specialTerms}
        label={`${t("agreements.field.specialTerms")} (${t("form.optional")})`}
        rows={4}
      />
      <button
        type="submit"
        className="btn-primary w-full sm:w-auto"
        disabled={navigation.state === "submitting"}
      >
        {t("agreements.form.save")}
      </button>
    </Form>
  );
}

function ComponentFields({ type, set, form }: { type: ComponentType; set: Fieldset; form: TermsFormMeta }) {
  const { t } = useT();
  const f = (name: string) => set[name]!;
  switch (type) {
    case "TECH_CONTRACT":
    case "PAID_SERVICE":
      return (
        <>
          {type === "PAID_SERVICE" ? (
            <TextAreaField meta={f("description")} label={t("agreements.field.description")} rows={3} />
          ) : null}
          <TextField
            meta={f("fee")}
            label={t("agreements.field.fee")}
            hint={t("agreements.field.feeHint")}
            inputMode="decimal"
          />
          <MilestoneList meta={f("milestones")} form={form} />
        </>
      );
    case "TECH_EQUITY":
      return (
        <>
          <TextField meta={f("enterpriseName")} label={t("agreements.field.enterpriseName")} />
          {f("enterpriseOrganisationId").initialValue ? (
            <input
              type="hidden"
              name={f("enterpriseOrganisationId").name}
              value={String(f("enterpriseOrganisationId").initialValue)}
            />
          ) : null}
          <div className="grid grid-cols-2 gap-4">
            <TextField meta={f("valuation")} label={t("agreements.field.valuation")} inputMode="decimal" />
            <TextField
              meta={f("equityPercent")}
              label={t("agreements.field.equityPercent")}
              hint={t("agreements.field.percentHint")}
              inputMode="decimal"
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField meta={f("vestingStart")} label={t("agreements.field.vestingStart")} type="date" />
            <TextField
              meta={f("vestingMonths")}
              label={t("agreements.field.vestingMonths")}
              inputMode="decimal"
            />
            <TextField
              meta={f("cliffMonths")}
              label={t("agreements.field.cliffMonths")}
              inputMode="decimal"
            />
          </div>
        </>
      );
    case "REVENUE_SHARE":
      return (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              meta={f("sharePercent")}
              label={t("agreements.field.sharePercent")}
              hint={t("agreements.field.percentHint")}
              inputMode="decimal"
            />
            <SelectField
              meta={f("base")}
              label={t("agreements.field.base")}
              options={REVENUE_BASES.map((value) => ({ value, label: t(`agreements.base.${value}`) }))}
            />
            <SelectField
              meta={f("period")}
              label={t("agreements.field.settlementPeriod")}
              options={REVENUE_PERIODS.map((value) => ({ value, label: t(`agreements.period.${value}`) }))}
            />
          </div>
          <div className="grid grid-cols-2 gap-4">
            <TextField meta={f("startDate")} label={t("agreements.field.revenueStart")} type="date" />
            <TextField meta={f("termMonths")} label={t("agreements.field.termMonths")} inputMode="decimal" />
          </div>
          <div className="grid grid-cols-2 gap-4">
            <TextField
              meta={f("floor")}
              label={`${t("agreements.field.floor")} (${t("form.optional")})`}
              inputMode="decimal"
            />
            <TextField
              meta={f("cap")}
              label={`${t("agreements.field.cap")} (${t("form.optional")})`}
              inputMode="decimal"
            />
          </div>
        </>
      );
    case "GRANT_FUNDED":
      return (
        <>
          <TextField meta={f("programmeName")} label={t("agreements.field.programmeName")} />
          <TextField meta={f("amount")} label={t("agreements.field.amount")} inputMode="decimal" />
        </>
      );
  }
}

function MilestoneList({ meta, form }: { meta: Meta; form: TermsFormMeta }) {
  const { t } = useT();
  const list = meta as unknown as FieldMetadata<Record<string, unknown>[], Record<string, unknown>, string[]>;
  const items = list.getFieldList();
  return (
    <div className="space-y-3">
      <h3 className="font-medium">{t("agreements.field.milestones")}</h3>
      <ErrorList errors={list.errors} />
      <ol className="space-y-3">
        {items.map((item, index) => {
          const m = item.getFieldset() as unknown as Fieldset;
          return (
            <li key={item.key} className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
              <p className="text-sm font-medium text-stone-700">
                {t("agreements.form.milestoneNumber", { position: index + 1 })}
              </p>
              <TextField meta={m.title!} label={t("agreements.field.milestoneTitle")} />
              <TextAreaField meta={m.deliverables!} label={t("agreements.field.deliverables")} rows={2} />
              <TextAreaField
                meta={m.acceptanceCriteria!}
                label={t("agreements.field.acceptanceCriteria")}
                rows={2}
              />
              <div className="grid grid-cols-2 gap-4">
                <TextField
                  meta={m.amount!}
                  label={t("agreements.field.milestoneAmount")}
                  inputMode="decimal"
                />
                <TextField
                  meta={m.dueDate!}
                  label={`${t("agreements.field.dueDate")} (${t("form.optional")})`}
                  type="date"
                />
              </div>
              {items.length > 1 ? (
                <button
                  {...form.remove.getButtonProps({ name: list.name, index })}
                  className="btn-secondary min-h-9 py-1 text-sm"
                >
                  {t("agreements.form.removeMilestone")}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {items.length < MAX_MILESTONES ? (
        <button
          {...form.insert.getButtonProps({ name: list.name, defaultValue: {} })}
          className="btn-secondary min-h-9 py-1 text-sm"
        >
          + {t("agreements.form.addMilestone")}
        </button>
      ) : null}
    </div>
  );
}
