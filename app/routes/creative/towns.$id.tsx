import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { intentErrors, PlainSelect } from "~/components/forms-plain/intent-fields";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { scopeOf } from "~/modules/oversight/county-access";
import { countyName } from "~/modules/reference/reference";
import { TOWN_PLAN_SECTIONS, TOWN_PROJECT_KINDS, TownActionSchema } from "~/modules/towns/towns.schema";
import { getTown, linkTownProject, unlinkTownProject, updateTown } from "~/modules/towns/towns.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TownFields } from "./+town-fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.town.name} · ${translate(data.locale, "towns.title")}` : "XiangKe" },
];

/** A town's plan and projects for everyone; the bureau and the town's county officers edit it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getTown(viewer, params.id ?? ""));
  const scope = scopeOf(viewer);
  return { ...page, editCounties: scope?.kind === "county" ? [scope.countyCode] : undefined, locale };
}

const DONE = {
  save: "towns.toast.saved",
  link: "towns.toast.linked",
  unlink: "towns.toast.unlinked",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const townId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema: TownActionSchema });
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    if (value.intent === "save") {
      const { intent: _intent, ...fields } = value;
      await updateTown(user, townId, fields, meta);
    } else if (value.intent === "link") await linkTownProject(user, townId, value.kind, value.targetId, meta);
    else await unlinkTownProject(user, townId, value.linkId, meta);
    return redirectWithToast(`/towns/${townId}`, { message: DONE[value.intent] });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function TownPage() {
  const { town, projects, canEdit, options, editCounties } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t, locale } = useT();
  const errors = (intent: string, field: string) => intentErrors(answer, intent, field);
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{town.name}</h1>
        <p className="text-stone-700">
          {countyName(town.countyCode, locale)} · {t(`towns.status.${town.status}`)}
        </p>
        <Link to="/towns" className="link text-sm">
          {t("towns.title")}
        </Link>
      </header>
      {TOWN_PLAN_SECTIONS.map((section) => (
        <section key={section} className="card space-y-1">
          <h2 className="font-semibold">{t(`towns.field.${section}`)}</h2>
          <p className="whitespace-pre-line">{town[section]}</p>
        </section>
      ))}
      <section className="card space-y-2" aria-labelledby="town-projects">
        <h2 id="town-projects" className="text-lg font-semibold">
          {t("towns.projects")}
        </h2>
        <FormErrors errors={errors("unlink", "") ?? errors("link", "")} />
        {projects.length === 0 ? <p className="text-stone-600">{t("towns.noProjects")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {projects.map((project) => (
            <li
              key={project.id}
              className="flex flex-wrap items-center gap-2 py-2"
              data-testid="town-project"
            >
              <span className="text-sm text-stone-600">{t(`towns.kind.${project.kind}`)}</span>
              {project.href ? (
                <Link to={project.href} className="link">
                  {project.name}
                </Link>
              ) : (
                <span>{project.name}</span>
              )}
              {canEdit ? (
                <Form method="post" className="ml-auto">
                  <input type="hidden" name="linkId" value={project.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="unlink"
                    className="btn-secondary"
                    disabled={busy}
                  >
                    {t("towns.unlink")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {options
          ? TOWN_PROJECT_KINDS.filter((kind) => options[kind].length > 0).map((kind) => (
              <Form key={kind} method="post" className="space-y-2 border-t border-stone-200 pt-2">
                <input type="hidden" name="kind" value={kind} />
                <PlainSelect
                  name="targetId"
                  label={`${t("towns.link")}：${t(`towns.kind.${kind}`)}`}
                  placeholder={t("towns.choose")}
                  options={options[kind].map((option) => ({ value: option.id, label: option.name }))}
                  errors={answer?.intent === "link" ? errors("link", "targetId") : undefined}
                />
                <button
                  type="submit"
                  name="intent"
                  value="link"
                  className="btn-secondary w-full"
                  disabled={busy}
                >
                  {t("towns.link")}
                </button>
              </Form>
            ))
          : null}
      </section>
      {canEdit ? (
        <Form method="post" className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("towns.edit")}</h2>
          <FormErrors errors={errors("save", "")} />
          <TownFields answer={answer} intent="save" town={town} counties={editCounties} />
          <button type="submit" name="intent" value="save" className="btn-primary w-full" disabled={busy}>
            {t("towns.save")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
