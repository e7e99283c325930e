import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { intentErrors, PlainField, PlainSelect } from "~/components/forms-plain/intent-fields";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { CourseActionSchema, TRAINEE_OUTCOMES } from "~/modules/bases/bases.schema";
import { completeTrainee, enrolOnCourse, getCourse, withdrawFromCourse } from "~/modules/bases/bases.server";
import { countyName } from "~/modules/reference/reference";
import { AUDIENCE_GROUPS } from "~/modules/spaces/audiences.schema";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · ${data.course.base.name}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await readWithLocale(request, getCourse(viewer, params.id ?? ""));
  return { ...page, loggedIn: Boolean(viewer), locale };
}

const DONE = {
  enrol: "bases.toast.enrolled",
  withdraw: "bases.toast.withdrawn",
  complete: "bases.toast.completed",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const courseId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema: CourseActionSchema });
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    if (value.intent === "enrol") await enrolOnCourse(user, courseId, value.group, meta);
    else if (value.intent === "withdraw") await withdrawFromCourse(user, courseId, meta);
    else await completeTrainee(user, courseId, value.userId, value.outcome, value.outcomeNote ?? "", meta);
    return redirectWithToast(`/bases/courses/${courseId}`, { message: DONE[value.intent] });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function CoursePage() {
  const { course, space, open, canRun, canEnrol, mine, trainees, loggedIn } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t, locale } = useT();
  const errors = (intent: string, field: string) => intentErrors(answer, intent, field);
  const full = course.taken >= course.seats;
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{course.title}</h1>
        <Link to={`/spaces/${space.id}/bases`} className="link text-sm">
          {course.base.name} · {locale === "en" && space.nameEn ? space.nameEn : space.name}
        </Link>
      </header>
      <FactList
        className="card"
        facts={[
          [t("bases.field.startsOn"), course.startsOn],
          [t("bases.field.endsOn"), course.endsOn],
          [t("bases.place"), `${countyName(course.base.countyCode, locale)} ${course.base.place}`],
          [t("bases.field.seats"), t("bases.seatsTaken", { taken: course.taken, seats: course.seats })],
          [t("bases.facilities"), course.base.facilities],
        ]}
      />
      {course.description ? <p className="card whitespace-pre-line">{course.description}</p> : null}
      <div className="card space-y-3" aria-live="polite">
        <FormErrors errors={errors("enrol", "") ?? errors("withdraw", "")} />
        {mine?.completedAt ? <p className="font-medium">{t("bases.course.completed")}</p> : null}
        {mine && !mine.completedAt ? (
          <Form method="post" className="space-y-2">
            <p className="font-medium">{t("bases.course.enrolled")}</p>
            <button
              type="submit"
              name="intent"
              value="withdraw"
              className="btn-secondary w-full"
              disabled={busy}
            >
              {t("bases.course.withdraw")}
            </button>
          </Form>
        ) : null}
        {course.cancelledAt ? (
          <p className="font-medium">{t("bases.course.cancelled", { reason: course.cancelReason })}</p>
        ) : null}
        {!mine && !open && !course.cancelledAt ? <p>{t("bases.course.closed")}</p> : null}
        {!mine && open && full ? <p>{t("bases.course.full")}</p> : null}
        {!mine && canEnrol && !full ? (
          <Form method="post" className="space-y-2">
            <PlainSelect
              name="group"
              label={t("bases.field.group")}
              placeholder={t("towns.choose")}
              options={AUDIENCE_GROUPS.map((group) => ({
                value: group,
                label: t(`spaces.audience.${group}`),
              }))}
              errors={errors("enrol", "group")}
            />
            <button type="submit" name="intent" value="enrol" className="btn-primary w-full" disabled={busy}>
              {t("bases.course.enrol")}
            </button>
          </Form>
        ) : null}
        {!loggedIn && open && !full ? (
          <Link to={`/login?redirectTo=/bases/courses/${course.id}`} className="btn-primary w-full">
            {t("bases.course.loginToEnrol")}
          </Link>
        ) : null}
      </div>
      {canRun && !course.cancelledAt ? (
        <Link to={`/bases/courses/${course.id}/edit`} className="btn-secondary w-full">
          {t("bases.course.manage")}
        </Link>
      ) : null}
      {canRun ? (
        <section className="card space-y-3" aria-labelledby="trainees">
          <h2 id="trainees" className="text-lg font-semibold">
            {t("bases.course.trainees")}
          </h2>
          <FormErrors errors={errors("complete", "")} />
          {trainees.length === 0 ? <p className="text-stone-600">{t("bases.course.noTrainees")}</p> : null}
          <ul className="space-y-3">
            {trainees.map((trainee) => (
              <li
                key={trainee.userId}
                className="space-y-2 border-t border-stone-200 pt-2"
                data-testid="trainee"
              >
                <p>
                  {trainee.name} · {t(`spaces.audience.${trainee.group}`)} ·{" "}
                  {trainee.completedAt ? t("bases.status.completed") : t("bases.status.enrolled")}
                  {trainee.outcome ? ` · ${t(`bases.outcome.${trainee.outcome}`)}` : ""}
                </p>
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="userId" value={trainee.userId} />
                  <PlainSelect
                    name="outcome"
                    label={t("bases.field.outcome")}
                    placeholder={t("towns.choose")}
                    defaultValue={trainee.outcome ?? ""}
                    options={TRAINEE_OUTCOMES.map((outcome) => ({
                      value: outcome,
                      label: t(`bases.outcome.${outcome}`),
                    }))}
                  />
                  <PlainField
                    name="outcomeNote"
                    label={t("bases.field.outcomeNote")}
                    defaultValue={trainee.outcomeNote}
                  />
                  <button
                    type="submit"
                    name="intent"
                    value="complete"
                    className="btn-secondary w-full"
                    disabled={busy}
                  >
                    {t("bases.course.complete")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
