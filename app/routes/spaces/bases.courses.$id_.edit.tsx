import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { intentErrors, PlainField } from "~/components/forms-plain/intent-fields";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CourseManageActionSchema } from "~/modules/bases/bases.schema";
import { cancelCourse, editCourse, getCourseForEdit } from "~/modules/bases/courses.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "bases.edit.title")} · ${data.course.title}` : "XiangKe" },
];

/** The space's page for one course: change it, or cancel it with a reason. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [course, locale] = await readWithLocale(request, getCourseForEdit(user, params.id ?? ""));
  return { course, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const courseId = params.id ?? "";
  // Someone who does not run the course is refused before anything they posted is read.
  await getCourseForEdit(user, courseId).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema: CourseManageActionSchema });
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    if (value.intent === "edit") await editCourse(user, courseId, value, meta);
    else await cancelCourse(user, courseId, value.reason, meta);
    const message = value.intent === "edit" ? "bases.toast.courseEdited" : "bases.toast.courseCancelled";
    return redirectWithToast(`/bases/courses/${courseId}`, { message });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function CourseEditPage() {
  const { course } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  const errors = (intent: string, field: string) => intentErrors(answer, intent, field);
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("bases.edit.title")}</h1>
        <Link to={`/bases/courses/${course.id}`} className="link text-sm">
          {course.title} · {course.base.name}
        </Link>
      </header>
      {course.cancelledAt ? (
        <p className="card">{t("bases.course.cancelled", { reason: course.cancelReason })}</p>
      ) : (
        <>
          <Form method="post" className="card space-y-3">
            <FormErrors errors={errors("edit", "")} />
            <p className="text-sm text-stone-700">
              {t("bases.edit.enrolled", { taken: course.taken, capacity: course.base.capacity })}
            </p>
            <PlainField
              name="title"
              label={t("bases.field.title")}
              defaultValue={course.title}
              errors={errors("edit", "title")}
            />
            <PlainField
              name="description"
              label={t("bases.field.description")}
              defaultValue={course.description}
              errors={errors("edit", "description")}
              multiline
            />
            {(["startsOn", "endsOn"] as const).map((field) => (
              <PlainField
                key={field}
                name={field}
                type="date"
                label={t(`bases.field.${field}`)}
                defaultValue={course[field]}
                errors={errors("edit", field)}
              />
            ))}
            <PlainField
              name="seats"
              inputMode="numeric"
              label={t("bases.field.seats")}
              defaultValue={String(course.seats)}
              errors={errors("edit", "seats")}
            />
            <button type="submit" name="intent" value="edit" className="btn-primary w-full" disabled={busy}>
              {t("bases.edit.save")}
            </button>
          </Form>
          <Form method="post" className="card space-y-3">
            <h2 className="text-lg font-semibold">{t("bases.edit.cancelTitle")}</h2>
            <FormErrors errors={errors("cancel", "")} />
            {course.over ? (
              <p>{t("bases.edit.over")}</p>
            ) : (
              <>
                <p className="text-sm text-stone-700">{t("bases.edit.cancelHint")}</p>
                <PlainField
                  name="reason"
                  label={t("bases.edit.reason")}
                  errors={errors("cancel", "reason")}
                />
                <button
                  type="submit"
                  name="intent"
                  value="cancel"
                  className="btn-secondary w-full"
                  disabled={busy}
                >
                  {t("bases.edit.cancel")}
                </button>
              </>
            )}
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
