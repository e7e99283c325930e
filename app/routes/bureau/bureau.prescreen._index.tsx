import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrescreenLists } from "~/components/counties/prescreen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { scopeOf } from "~/modules/oversight/county-access";
import { listPrescreen } from "~/modules/counties/prescreen.server";
import { requirePermission } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("counties.prescreen.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "programme.prescreen");
  const scope = scopeOf(user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  const [lists, locale] = await Promise.all([listPrescreen(scope), getLocale(request)]);
  return { ...lists, locale };
}

export default function PrescreenPage() {
  const { waiting, done } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("counties.prescreen.title")}</h1>
        <p className="text-stone-600">{t("counties.prescreen.intro")}</p>
      </header>
      <PrescreenLists waiting={waiting} done={done} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
