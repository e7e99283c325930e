import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listPublicProgrammes } from "~/modules/programmes/programmes.queries.server";
import { ProgrammeCard } from "~/components/programmes/programme-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const programmes = await listPublicProgrammes();
  return { locale: await getLocale(request), programmes };
}

export default function ProgrammesPage() {
  const { t } = useT();
  const { programmes } = useLoaderData<typeof loader>();
  const open = programmes.filter((programme) => programme.status === "OPEN");
  const closed = programmes.filter((programme) => programme.status === "CLOSED");
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("programmes.title")}</h1>
        <p className="text-stone-700">{t("programmes.intro")}</p>
        <p className="flex flex-wrap gap-x-4">
          <Link to="/programmes/commended" className="link">
            {t("programmes.commendedTitle")}
          </Link>
          <Link to="/bans" className="link">
            {t("bans.title")}
          </Link>
        </p>
      </header>
      <h2 className="text-xl font-semibold">{t("programmes.open")}</h2>
      {open.length ? (
        <ul className="space-y-3">
          {open.map((programme) => (
            <ProgrammeCard key={programme.id} programme={programme} href={`/programmes/${programme.id}`} />
          ))}
        </ul>
      ) : (
        <p>{t("programmes.none")}</p>
      )}
      {closed.length ? (
        <>
          <h2 className="text-xl font-semibold">{t("programmes.closed")}</h2>
          <ul className="space-y-3">
            {closed.map((programme) => (
              <ProgrammeCard key={programme.id} programme={programme} href={`/programmes/${programme.id}`} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
