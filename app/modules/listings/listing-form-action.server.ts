import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { requireUser } from "~/modules/users/guards.server";
import type { Actor } from "~/modules/users/permissions";
import { submitForm } from "~/utils/form-action.server";
import { requestMeta } from "~/utils/request.server";
import type { RequestMeta } from "./lifecycle.server";
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

/** A kind's edit page on the server: its words and address, the form's schema and the command that saves it. */
export interface ListingEdit<Schema extends z.ZodType<ListingFormIntent>> {
  ns: ListingActions["ns"];
  basePath: ListingActions["basePath"];
  schema: Schema;
  update: (
    actor: Actor,
    id: string,
    fields: Omit<z.output<Schema>, "intent">,
    options: { publish: boolean },
    meta: RequestMeta,
  ) => Promise<{ id: string; status: string }>;
}

/** A kind's edit page on the server, from its words and address, its form's schema and its update. */
export function listingEdit<Schema extends z.ZodType<ListingFormIntent>>(
  kind: Pick<ListingActions, "ns" | "basePath">,
  schema: Schema,
  update: ListingEdit<Schema>["update"],
): ListingEdit<Schema> {
  return { ns: kind.ns, basePath: kind.basePath, schema, update };
}

/** The edit page's action, the same for every kind: the owner saves the fields, publishing when asked. */
export async function editListingAction<Schema extends z.ZodType<ListingFormIntent>>(
  { request, params, context }: ActionFunctionArgs,
  kind: ListingEdit<Schema>,
) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  return saveListingForm(request, kind, kind.schema, (fields, options) =>
    kind.update(user, id, fields, options, requestMeta(request, context)),
  );
}
