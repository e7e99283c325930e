import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getNeedForViewer } from "~/modules/needs/needs.queries.server";
import { AssignSchema } from "~/modules/reach/reach.schema";
import { assignNeed, listAssignments, suggestAssignees } from "~/modules/reach/triage.server";
import { countyName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { canInCounty } from "~/modules/oversight/county-access";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "reach.triage.assignTitle")} · ${data.need.title}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  try {
    const { need } = await getNeedForViewer(params.needId ?? "", user);
    // A county officer reaches only its county's needs here; another county's is not found.
    if (!canInCounty(user, "triage.manage", need.countyCode))
      throw new Response("Not found", { status: 404 });
    const [candidates, [current], locale] = await Promise.all([
      suggestAssignees(need.id),
      listAssignments({ needId: need.id, status: "ASSIGNED" }),
      getLocale(request),
    ]);
    return {
      need: { id: need.id, title: need.title, countyCode: need.countyCode },
      candidates,
      current: current?.assigneeName ?? null,
      locale,
    };
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage.manage");
  const submission = parseWithZod(await request.formData(), { schema: AssignSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await assignNeed(user, {
      needId: params.needId ?? "",
      ...submission.value,
      meta: requestMeta(request, context),
    });
    // Back to the queue of the county the staff member came from (the form carries it).
    const county = new URL(request.url).searchParams.get("county");
    return redirectWithToast(
      county ? `/bureau/triage?county=${encodeURIComponent(county)}` : "/bureau/triage",
      { message: "reach.triage.assigned" },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function AssignNeedPage() {
  const { need, candidates, current } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({ id: "assign", lastResult });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("reach.triage.assignTitle")}</h1>
      <p>
        <Link to={`/needs/${need.id}`} className="link font-medium">
          {need.title}
        </Link>
        <span className="text-stone-600"> · {countyName(need.countyCode, locale)}</span>
      </p>
      {current ? <p className="text-stone-700">{t("reach.triage.current", { name: current })}</p> : null}
      {candidates.length === 0 ? (
        <p className="card text-stone-600">{t("reach.triage.noCandidates")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card space-y-4">
          <FormErrors errors={form.errors} />
          <SelectField
            meta={fields.assigneeId}
            label={t("reach.triage.assignee")}
            options={candidates.map((c) => ({
              value: c.id,
              label: `${c.name} · ${t(c.kind === "commissioner" ? "reach.triage.commissioner" : "reach.triage.expert")}`,
            }))}
          />
          <TextField meta={fields.note} label={t("reach.triage.note")} />
          <button type="submit" className="btn-primary w-full">
            {t("reach.triage.assign")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
