import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getTraining } from "~/modules/commissioners/commissioners.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { domainErrorResponse } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { trainingAction } from "./+training-actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.training.title : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const training = await getTraining(params.id ?? "", user.id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  // The host or the bureau may call off a training that is still open.
  const canCancel = training.status === "OPEN" && (training.isHost || can(user, "commissioner.dispatch"));
  return { training, canCancel, locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return trainingAction(
    user,
    await request.formData(),
    `/trainings/${params.id ?? ""}`,
    requestMeta(request, context),
  );
}

export default function TrainingPage() {
  const { training, canCancel } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const open = training.status === "OPEN" && new Date(training.startsAt) > new Date();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{training.title}</h1>
      {training.status === "CANCELLED" ? (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800">{t("trainings.cancelledNotice")}</p>
      ) : null}
      <p className="text-stone-700">
        {formatDateTime(locale, training.startsAt)} · {countyName(training.countyCode, locale)}{" "}
        {training.place} · {t("trainings.host")} {training.hostName}
      </p>
      <p className="whitespace-pre-line">{training.description}</p>
      <p>{t("trainings.seats", { count: training.signupCount, capacity: training.capacity })}</p>
      {open && !training.isHost ? (
        <Form method="post">
          <input type="hidden" name="trainingId" value={training.id} />
          <button
            type="submit"
            name="intent"
            value={training.signedUp ? "cancel" : "signUp"}
            className={training.signedUp ? "btn-secondary w-full" : "btn-primary w-full"}
          >
            {training.signedUp ? t("trainings.cancel") : t("trainings.signUp")}
          </button>
        </Form>
      ) : null}
      {training.isHost && training.status !== "CANCELLED" ? (
        <Form method="post" className="card space-y-2">
          <h2 className="text-xl font-semibold">{t("trainings.signupList")}</h2>
          {training.signups.length === 0 ? <p>{t("trainings.noSignups")}</p> : null}
          <input type="hidden" name="trainingId" value={training.id} />
          {training.signups.map((signup) => (
            <label key={signup.userId} className="flex items-center gap-2">
              <input type="checkbox" name="userIds" value={signup.userId} defaultChecked={signup.attended} />
              {signup.displayName}
            </label>
          ))}
          {training.signups.length > 0 ? (
            <button type="submit" name="intent" value="attendance" className="btn-primary w-full">
              {t("trainings.markAttendance")}
            </button>
          ) : null}
        </Form>
      ) : null}
      {canCancel ? (
        <Form method="post" className="card space-y-2">
          <input type="hidden" name="trainingId" value={training.id} />
          <label className="block space-y-1">
            <span className="block text-stone-800">{t("trainings.cancelReason")}</span>
            <input name="reason" className="input" required minLength={2} maxLength={500} />
          </label>
          <button
            type="submit"
            name="intent"
            value="cancelTraining"
            className="btn-secondary w-full border-red-300 text-red-800"
          >
            {t("trainings.cancelTraining")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
