import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, redirect, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LinkageList } from "~/components/linkage/linkage-views";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { myLinkages } from "~/modules/linkage/linkage.server";
import { requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("linkage.title");

/** 利益联结: the linkages of the cooperatives and enterprises the person belongs to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const mine = await myLinkages(user);
  if (mine.organisations.length === 0) {
    // Overseers read every organisation's linkages on their own page; others have nothing here.
    if (can(user, "linkage.read")) throw redirect("/bureau/linkage");
    throw new Response("Forbidden", { status: 403 });
  }
  return { ...mine, locale: await getLocale(request) };
}

export default function LinkageIndexPage() {
  const { t } = useT();
  const { organisations, linkages } = useLoaderData<typeof loader>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("linkage.title")}</h1>
      <p className="text-stone-600">{t("linkage.intro")}</p>
      <p className="text-sm">{organisations.map((o) => o.name).join("、")}</p>
      <Link to="/linkage/new" className="btn-primary w-full">
        {t("linkage.new")}
      </Link>
      {linkages.length === 0 ? <p className="card">{t("linkage.none")}</p> : <LinkageList rows={linkages} />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
