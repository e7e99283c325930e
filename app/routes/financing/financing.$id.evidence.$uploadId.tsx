import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomeEvidenceId } from "~/modules/financing/financing.server";
import { privateImageResponse } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";

/** The outcome's evidence photo: for the borrower, the lender and the overseers of its county. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  let uploadId: string;
  try {
    uploadId = await outcomeEvidenceId(user, params.id ?? "", params.uploadId ?? "");
  } catch (error) {
    throw domainErrorResponse(error);
  }
  return privateImageResponse(uploadId, request);
}
