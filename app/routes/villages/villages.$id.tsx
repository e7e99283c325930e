import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextField, replyFor } from "~/components/forms";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { VILLAGE_STATUSES, VillageActionSchema } from "~/modules/households/households.schema";
import {
  addVillageStatus,
  getVillage,
  linkableOrganisations,
  setOrganisationVillage,
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
  { title: data ? `${data.village.name} · ${translate(data.locale, "villages.title")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { reach } = await requireReach(request);
  const village = await getVillage(reach, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const organisations = village.canManage ? await linkableOrganisations(village.id) : [];
  return { village, organisations, thisYear: luoyangYear(), locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, reach } = await requireReach(request);
  const id = params.id ?? "";
  // Outside one's reach the village does not exist; only managers act on it.
  const village = await getVillage(reach, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  if (!village.canManage) throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: VillageActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    const value = submission.value;
    if (value.intent === "status") {
      await addVillageStatus(user, reach, id, value, meta);
      return redirectWithToast(`/villages/${id}`, { message: "villages.statusSaved" });
    }
    const link = value.intent === "organisation";
    await setOrganisationVillage(user, reach, id, { organisationId: value.organisationId, link }, meta);
    return redirectWithToast(`/villages/${id}`, {
      message: link ? "villages.organisationLinked" : "villages.organisationUnlinked",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

function StatusForm({ lastResult, thisYear }: { lastResult?: SubmissionResult<string[]>; thisYear: number }) {
  const { t } = useT();
  const [form, fields] = useForm<{ year: string; status: string; note: string }>({
    id: "village-status",
    lastResult,
    defaultValue: { year: String(thisYear) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("villages.addStatus")}</h2>
      <p className="text-sm text-stone-600">{t("villages.addStatus.hint")}</p>
      <FormErrors errors={form.errors} />
      <TextField meta={fields.year} label={t("villages.field.year")} inputMode="numeric" />
      <SelectField
        meta={fields.status}
        label={t("villages.field.status")}
        placeholder={t("households.errors.village_status")}
        options={VILLAGE_STATUSES.map((status) => ({ value: status, label: t(`villages.status.${status}`) }))}
      />
      <TextField meta={fields.note} label={t("villages.field.note")} />
      <button type="submit" name="intent" value="status" className="btn-primary w-full sm:w-auto">
        {t("villages.addStatus")}
      </button>
    </Form>
  );
}

function LinkOrganisationForm({
  lastResult,
  organisations,
}: {
  lastResult?: SubmissionResult<string[]>;
  organisations: { id: string; name: string }[];
}) {
  const { t } = useT();
  const [form, fields] = useForm({ id: "village-organisation", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("villages.linkOrganisation")}</h2>
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.organisationId}
        label={t("villages.field.organisation")}
        placeholder={t("villages.field.organisationNone")}
        options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
      />
      <button type="submit" name="intent" value="organisation" className="btn-secondary w-full sm:w-auto">
        {t("villages.linkOrganisation")}
      </button>
    </Form>
  );
}

export default function VillagePage() {
  const { village, organisations, thisYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{village.name}</h1>
        <p className="text-stone-600">
          {countyName(village.countyCode, locale)} · {village.township}
        </p>
        <p data-village-current>
          {village.current
            ? t("villages.statusIn", {
                year: village.current.year,
                status: t(`villages.status.${village.current.status}`),
              })
            : t("villages.noStatus")}
        </p>
      </header>

      <section className="space-y-2" aria-labelledby="history">
        <h2 id="history" className="text-xl font-semibold">
          {t("villages.history")}
        </h2>
        {village.statuses.length === 0 ? (
          <p className="card text-stone-600">{t("villages.history.empty")}</p>
        ) : (
          <ol className="card space-y-1">
            {village.statuses.map((row) => (
              <li key={row.year} data-status-year={row.year}>
                {t("villages.statusIn", { year: row.year, status: t(`villages.status.${row.status}`) })}
                {row.note ? <span className="text-sm text-stone-600"> · {row.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {village.canManage ? (
          <StatusForm lastResult={replyFor(lastResult, "status")} thisYear={thisYear} />
        ) : null}
      </section>

      <section className="space-y-2" aria-labelledby="households">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="households" className="text-xl font-semibold">
            {t("villages.households")}
          </h2>
          {village.canRecord ? (
            <Link to={`/villages/${village.id}/households/new`} className="btn-primary">
              {t("villages.recordHousehold")}
            </Link>
          ) : null}
        </div>
        {!village.canRecord ? (
          <p className="card">{t("villages.households.aggregate", { count: village.householdCount })}</p>
        ) : village.households.length === 0 ? (
          <p className="card text-stone-600">{t("villages.households.empty")}</p>
        ) : (
          <ul className="space-y-2">
            {village.households.map((household) => (
              <li key={household.id} className="card flex flex-wrap items-center gap-2 p-3">
                <Link to={`/households/${household.id}`} className="font-medium hover:underline">
                  {household.code}
                </Link>
                <span data-head-name>{household.headName}</span>
                <span className="text-sm text-stone-600">
                  {t("households.sizeValue", { count: household.size })}
                </span>
                <span className="ml-auto text-sm">{t(`households.status.${household.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2" aria-labelledby="organisations">
        <h2 id="organisations" className="text-xl font-semibold">
          {t("villages.organisations")}
        </h2>
        {village.organisations.length === 0 ? (
          <p className="card text-stone-600">{t("villages.organisations.empty")}</p>
        ) : (
          <ul className="space-y-2">
            {village.organisations.map((organisation) => (
              <li key={organisation.id} className="card flex flex-wrap items-center gap-2 p-3">
                <Link to={`/orgs/${organisation.id}`} className="font-medium hover:underline">
                  {organisation.name}
                </Link>
                {village.canManage ? (
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="organisationId" value={organisation.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="unlinkOrganisation"
                      className="btn-secondary min-h-9 py-1 text-sm"
                    >
                      {t("villages.unlinkOrganisation")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {village.canManage && organisations.length > 0 ? (
          <LinkOrganisationForm
            lastResult={replyFor(lastResult, "organisation")}
            organisations={organisations}
          />
        ) : null}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
