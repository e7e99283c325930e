import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { CardList } from "~/components/card-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listUpcomingTrainings } from "~/modules/commissioners/commissioners.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { trainingAction } from "./+training-actions.server";

export const meta: MetaFunction<typeof loader> = titleMeta("trainings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [trainings, locale] = await Promise.all([listUpcomingTrainings(user.id), getLocale(request)]);
  return { trainings, locale, userId: user.id };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return trainingAction(user, await request.formData(), "/trainings", requestMeta(request, context));
}

export default function TrainingsPage() {
  const { trainings, userId } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <PageHeader
        title={t("trainings.title")}
        link={{ to: "/trainings/new", label: t("trainings.new") }}
        secondary
      />
      <CardList items={trainings} empty={t("trainings.none")}>
        {(training) => (
          <>
            <Link to={`/trainings/${training.id}`} className="text-lg font-semibold underline">
              {training.title}
            </Link>
            <p className="text-sm text-stone-700">
              {formatDateTime(locale, training.startsAt)} · {countyName(training.countyCode, locale)}{" "}
              {training.place} · {t("trainings.host")} {training.hostName}
            </p>
            <p className="text-sm">
              {t("trainings.seats", { count: training.signupCount, capacity: training.capacity })}
            </p>
            {training.status === "CANCELLED" ? (
              <p className="text-sm font-medium text-red-800">{t("trainings.cancelled")}</p>
            ) : null}
            {training.hostId === userId || training.status !== "OPEN" ? null : (
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
            )}
          </>
        )}
      </CardList>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
