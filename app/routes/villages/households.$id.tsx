import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { Form } from "~/components/form";
import { CheckboxGroup, FormErrors, SelectField, TextField, replyFor } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import type { HouseholdStatus } from "~/generated/prisma/enums";
import {
  HouseholdActionSchema,
  LINK_KINDS,
  SUPPORT_MEASURES,
  wantsHouseholdReveal,
} from "~/modules/households/households.schema";
import {
  addHouseholdLink,
  changeHouseholdStatus,
  endHouseholdLink,
  getHousehold,
  updateHousehold,
} from "~/modules/households/households.server";
import { countyName } from "~/modules/reference/reference";
import { luoyangYear } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useForm } from "~/utils/use-form";
import { requireReach } from "./+access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? translate(data.locale, "households.title", { code: data.household.code }) : "XiangKe" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, reach } = await requireReach(request);
  const household = await getHousehold(user, reach, params.id ?? "", {
    reveal: wantsHouseholdReveal(request),
    ip: requestMeta(request, context).ip,
  }).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { household, thisYear: luoyangYear(), locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, reach } = await requireReach(request);
  const id = params.id ?? "";
  // Outside one's reach the household does not exist (404); finance may not act (403).
  await getHousehold(user, reach, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const submission = parseWithZod(await request.formData(), { schema: HouseholdActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  const back = (message: Parameters<typeof redirectWithToast>[1]["message"]) =>
    redirectWithToast(`/households/${id}`, { message });
  try {
    const value = submission.value;
    switch (value.intent) {
      case "edit":
        await updateHousehold(user, reach, id, value, meta);
        return back("households.updated");
      case "status":
        await changeHouseholdStatus(user, reach, id, value, meta);
        return back("households.statusChanged");
      case "link":
        await addHouseholdLink(user, reach, id, value, meta);
        return back("households.linked");
      case "endLink":
        await endHouseholdLink(user, reach, id, value.linkId, meta);
        return back("households.linkEnded");
    }
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["household"];

function EditForm({ household, lastResult }: { household: Loaded; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "household-edit",
    lastResult,
    defaultValue: { size: String(household.size), measures: household.measures },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("households.edit")}</h2>
      <FormErrors errors={form.errors} />
      <TextField meta={fields.size} label={t("households.field.size")} inputMode="numeric" />
      <CheckboxGroup
        meta={fields.measures}
        legend={t("households.field.measures")}
        options={SUPPORT_MEASURES.map((measure) => ({
          value: measure,
          label: t(`households.measure.${measure}`),
        }))}
      />
      <button type="submit" name="intent" value="edit" className="btn-secondary w-full sm:w-auto">
        {t("households.save")}
      </button>
    </Form>
  );
}

function StatusForm({
  next,
  thisYear,
  lastResult,
}: {
  next: readonly HouseholdStatus[];
  thisYear: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const [form, fields] = useForm<{ to: string; year: string; reason: string }>({
    id: "household-status",
    lastResult,
    defaultValue: { year: String(thisYear), to: next[0] },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("households.changeStatus")}</h2>
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.to}
        label={t("households.field.to")}
        options={next.map((status) => ({ value: status, label: t(`households.status.${status}`) }))}
      />
      <TextField meta={fields.year} label={t("households.field.year")} inputMode="numeric" />
      <TextField meta={fields.reason} label={t("households.field.reason")} />
      <button type="submit" name="intent" value="status" className="btn-primary w-full sm:w-auto">
        {t("households.changeStatus")}
      </button>
    </Form>
  );
}

function LinkForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useForm({ id: "household-link", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("households.addLink")}</h2>
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.kind}
        label={t("households.field.kind")}
        placeholder={t("households.errors.link_kind")}
        options={LINK_KINDS.map((kind) => ({ value: kind, label: t(`households.kind.${kind}`) }))}
      />
      <TextField
        meta={fields.targetId}
        label={t("households.field.targetId")}
        hint={t("households.field.targetId.hint")}
        autoComplete="off"
      />
      <TextField meta={fields.note} label={t("households.field.linkNote")} />
      <button type="submit" name="intent" value="link" className="btn-secondary w-full sm:w-auto">
        {t("households.addLink")}
      </button>
    </Form>
  );
}

export default function HouseholdPage() {
  const { household, thisYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const idText = household.revealed
    ? (household.idLast4 ?? t("households.idNone"))
    : household.hasIdLast4
      ? t("households.idMasked")
      : t("households.idNone");
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("households.title", { code: household.code })}</h1>
        <p>
          <Link to={`/villages/${household.village.id}`} className="hover:underline">
            {countyName(household.countyCode, locale)} · {household.village.township} ·{" "}
            {household.village.name}
          </Link>
        </p>
      </header>

      <div className="card space-y-3">
        <FactList
          facts={[
            [t("households.head"), <span data-head-name>{household.headName}</span>],
            [t("households.id"), <span data-id-last4>{idText}</span>],
            [t("households.size"), t("households.sizeValue", { count: household.size })],
            [t("households.status"), t(`households.status.${household.status}`)],
            [
              t("households.measures"),
              household.measures.length
                ? household.measures.map((measure) => t(`households.measure.${measure}`)).join("、")
                : t("households.measures.none"),
            ],
          ]}
        />
        {household.revealed ? (
          <p role="status" className="text-sm text-amber-900">
            {t("households.revealed")}
          </p>
        ) : (
          <Link to="?reveal=household" className="btn-secondary inline-flex">
            {t("households.reveal")}
          </Link>
        )}
      </div>

      <section className="space-y-2" aria-labelledby="status-history">
        <h2 id="status-history" className="text-xl font-semibold">
          {t("households.history")}
        </h2>
        <ol className="card space-y-1">
          {household.statusChanges.map((change) => (
            <li key={change.id}>
              {change.from
                ? t("households.history.change", {
                    year: change.year,
                    from: t(`households.status.${change.from}`),
                    to: t(`households.status.${change.to}`),
                  })
                : t("households.history.initial", {
                    year: change.year,
                    to: t(`households.status.${change.to}`),
                  })}
              {change.reason ? <span className="text-sm text-stone-600"> · {change.reason}</span> : null}
            </li>
          ))}
        </ol>
        {household.nextStatuses.length ? (
          <StatusForm
            next={household.nextStatuses}
            thisYear={thisYear}
            lastResult={replyFor(lastResult, "status")}
          />
        ) : (
          <p className="text-stone-600">{t("households.changeStatus.none")}</p>
        )}
      </section>

      <section className="space-y-2" aria-labelledby="links">
        <h2 id="links" className="text-xl font-semibold">
          {t("households.links")}
        </h2>
        {household.links.length === 0 ? (
          <p className="card text-stone-600">{t("households.links.empty")}</p>
        ) : null}
        <ul className="space-y-2">
          {household.links.map((link) => (
            <li key={link.id} className="card flex flex-wrap items-center gap-2 p-3">
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {t(`households.kind.${link.kind}`)}
              </span>
              <span className="font-medium">{link.label}</span>
              <span className="text-sm text-stone-600">
                {link.endedAt
                  ? t("households.links.ended", { date: formatDate(locale, link.endedAt) })
                  : t("households.links.since", { date: formatDate(locale, link.createdAt) })}
              </span>
              {link.note ? <span className="w-full text-sm text-stone-600">{link.note}</span> : null}
              {link.endedAt ? null : (
                <Form method="post" className="ml-auto">
                  <input type="hidden" name="linkId" value={link.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="endLink"
                    className="btn-secondary min-h-9 py-1 text-sm"
                  >
                    {t("households.endLink")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <FormErrors errors={replyFor(lastResult, "endLink")?.error?.[""] ?? null} />
        <LinkForm lastResult={replyFor(lastResult, "link")} />
      </section>

      <EditForm household={household} lastResult={replyFor(lastResult, "edit")} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
