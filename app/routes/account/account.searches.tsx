import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { deleteSavedSearch, listSavedSearches } from "~/modules/search/saved-searches.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "search.savedTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [searches, locale] = await Promise.all([listSavedSearches(user.id), getLocale(request)]);
  return { searches, locale };
}

const DeleteSchema = z.object({ intent: z.literal("delete"), id: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = DeleteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  await deleteSavedSearch(user.id, parsed.data.id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return redirectWithToast("/account/searches", { message: "search.deletedSaved" });
}

export default function SavedSearchesPage() {
  const { searches } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("search.savedTitle")}</h1>
      {searches.length === 0 ? <p className="card text-stone-600">{t("search.savedEmpty")}</p> : null}
      <ul className="space-y-2">
        {searches.map((search) => (
          <li key={search.id} className="card flex flex-wrap items-center gap-3 p-3">
            <Link to={search.href} className="font-medium hover:underline">
              {search.label}
            </Link>
            <span className="text-sm text-stone-600">{formatDate(locale, search.createdAt)}</span>
            <Form method="post" className="ml-auto">
              <input type="hidden" name="id" value={search.id} />
              <button name="intent" value="delete" className="btn-secondary min-h-9 py-1 text-sm">
                {t("search.deleteSaved")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
