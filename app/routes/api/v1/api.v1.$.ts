import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { simpleProblem } from "~/modules/api/problem.server";

// Unknown API paths answer in the API's own format, not with the HTML 404 page.
async function notFound({ request }: LoaderFunctionArgs) {
  return simpleProblem(
    "api.not_found",
    404,
    "api.problem.not_found",
    await getLocale(request),
    new URL(request.url).pathname,
  );
}

export const loader = notFound;
export const action = notFound;
