import type { z } from "zod";
import { submitForm } from "~/utils/form-action.server";
import type { ListingActions } from "./listing-action.server";

/** What a listing's new or edit form posts besides its fields: save a draft, or publish. */
interface ListingFormIntent {
  intent: "save" | "publish";
}

/**
 * The action of a listing's new or edit form, the same for every kind: save the fields (publishing
 * when asked), then open the listing with a toast that says what happened.
 */
export function saveListingForm<Schema extends z.ZodType<ListingFormIntent>>(
  request: Request,
  kind: Pick<ListingActions, "ns" | "basePath">,
  schema: Schema,
  save: (
    fields: Omit<z.output<Schema>, "intent">,
    options: { publish: boolean },
  ) => Promise<{ id: string; status: string }>,
) {
  return submitForm(request, schema, async ({ intent, ...fields }) => {
    const listing = await save(fields, { publish: intent === "publish" });
    const message =
      intent === "publish"
        ? (`${kind.ns}.toast.published` as const)
        : listing.status === "PUBLISHED"
          ? (`${kind.ns}.toast.updated` as const)
          : (`${kind.ns}.toast.saved` as const);
    return { redirectTo: `${kind.basePath}/${listing.id}`, toast: { message } };
  });
}
