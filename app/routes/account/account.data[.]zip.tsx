import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonalData } from "~/modules/privacy/export.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/** /account/data.zip — "download my data": the logged-in person's own data, streamed as a zip. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const zip = await exportPersonalData(user.id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="xiangke-my-data-${day}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
