import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { intentErrors, PlainField, PlainSelect } from "~/components/forms-plain/intent-fields";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { BasesPageActionSchema } from "~/modules/bases/bases.schema";
import { createBase, createCourse, getSpaceBases } from "~/modules/bases/bases.server";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "bases.title")} · ${data.space.name}` : "XiangKe" },
];

/** A space's training bases and courses: anyone reads them; the space's accounts add bases and courses. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getSpaceBases(viewer, params.id ?? ""));
  return { ...page, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema: BasesPageActionSchema });
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const meta = requestMeta(request, context);
  try {
    const value = submission.value;
    if (value.intent === "base") {
      // The intent chose the form; the base is made of the form's fields only.
      const { intent: _intent, ...fields } = value;
      await createBase(user, spaceId, fields, meta);
      return redirectWithToast(`/spaces/${spaceId}/bases`, { message: "bases.toast.baseCreated" });
    }
    const course = await createCourse(user, spaceId, value, meta);
    return redirectWithToast(`/bases/courses/${course.id}`, { message: "bases.toast.courseCreated" });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function SpaceBasesPage() {
  const { space, bases, canRun } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const errors = (intent: string, field: string) => intentErrors(answer, intent, field);
  const spaceName = locale === "en" && space.nameEn ? space.nameEn : space.name;
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-bold">{t("bases.title")}</h1>
        <p className="mt-1 text-stone-700">{t("bases.intro", { space: spaceName })}</p>
        <Link to={`/spaces/${space.id}`} className="link text-sm">
          {spaceName}
        </Link>
      </header>
      {bases.length === 0 ? <p className="card text-stone-600">{t("bases.none")}</p> : null}
      {bases.map((base) => (
        <article key={base.id} className="card space-y-2" aria-labelledby={`base-${base.id}`}>
          <h2 id={`base-${base.id}`} className="text-lg font-semibold">
            {base.name}
          </h2>
          <p className="text-sm text-stone-700">
            {t("bases.place")}：{countyName(base.countyCode, locale)} {base.place} · {t("bases.capacity")}：
            {base.capacity}
          </p>
          {base.facilities ? <p className="whitespace-pre-line text-sm">{base.facilities}</p> : null}
          <h3 className="font-medium">{t("bases.courses")}</h3>
          {base.courses.length === 0 ? (
            <p className="text-sm text-stone-600">{t("bases.noCourses")}</p>
          ) : null}
          <ul className="divide-y divide-stone-200">
            {base.courses.map((course) => (
              <li key={course.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link to={`/bases/courses/${course.id}`} className="link">
                  {course.title}
                </Link>
                <span className="text-sm text-stone-600">
                  {t("bases.dates", { start: course.startsOn, end: course.endsOn })}
                </span>
                {course.cancelledAt ? (
                  <span className="text-sm font-medium text-red-700">{t("bases.cancelledTag")}</span>
                ) : null}
                <span className="ml-auto text-sm">
                  {t("bases.seatsTaken", { taken: course.taken, seats: course.seats })}
                </span>
              </li>
            ))}
          </ul>
        </article>
      ))}
      {canRun && bases.length > 0 ? (
        <Form method="post" className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("bases.newCourse")}</h2>
          <FormErrors errors={errors("course", "")} />
          <PlainSelect
            name="baseId"
            label={t("bases.field.base")}
            options={bases.map((base) => ({ value: base.id, label: base.name }))}
            errors={errors("course", "baseId")}
            defaultValue={bases[0]?.id}
          />
          <PlainField name="title" label={t("bases.field.title")} errors={errors("course", "title")} />
          <PlainField
            name="description"
            label={t("bases.field.description")}
            errors={errors("course", "description")}
            multiline
          />
          <PlainField
            name="startsOn"
            type="date"
            label={t("bases.field.startsOn")}
            errors={errors("course", "startsOn")}
          />
          <PlainField
            name="endsOn"
            type="date"
            label={t("bases.field.endsOn")}
            errors={errors("course", "endsOn")}
          />
          <PlainField
            name="seats"
            inputMode="numeric"
            label={t("bases.field.seats")}
            errors={errors("course", "seats")}
          />
          <button
            type="submit"
            name="intent"
            value="course"
            className="btn-primary w-full"
            disabled={navigation.state === "submitting"}
          >
            {t("bases.newCourse")}
          </button>
        </Form>
      ) : null}
      {canRun ? (
        <Form method="post" className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("bases.newBase")}</h2>
          <FormErrors errors={errors("base", "")} />
          <PlainField name="name" label={t("bases.field.name")} errors={errors("base", "name")} />
          <PlainSelect
            name="countyCode"
            label={t("bases.field.county")}
            placeholder={t("towns.choose")}
            options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
            errors={errors("base", "countyCode")}
            defaultValue={space.countyCode ?? ""}
          />
          <PlainField name="place" label={t("bases.field.place")} errors={errors("base", "place")} />
          <PlainField
            name="capacity"
            inputMode="numeric"
            label={t("bases.field.capacity")}
            errors={errors("base", "capacity")}
          />
          <PlainField
            name="facilities"
            label={t("bases.field.facilities")}
            errors={errors("base", "facilities")}
            multiline
          />
          <button
            type="submit"
            name="intent"
            value="base"
            className="btn-primary w-full"
            disabled={navigation.state === "submitting"}
          >
            {t("bases.newBase")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
