import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { getLocale } from "~/i18n/i18n.server";
import { requireUser } from "~/modules/users/guards.server";
import type { Actor } from "~/modules/users/permissions";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { RequestMeta } from "./lifecycle.server";

/** What a listing's detail page posts: the owner's publish or withdraw, the moderator's hide or unhide. */
export type ListingCommand =
  { intent: "publish" } | { intent: "withdraw" } | { intent: "hide"; reason: string } | { intent: "unhide" };

type Change = (actor: Actor, id: string, meta: RequestMeta) => Promise<unknown>;

export interface ListingActions {
  /** The kind's messages (`offers.toast.published`) and the address of its pages (`/offers`). */
  ns: "offers" | "spaces";
  basePath: "/offers" | "/services";
  schema: z.ZodType<ListingCommand>;
  publish: Change;
  withdraw: Change;
  hide: (actor: Actor, id: string, reason: string, meta: RequestMeta) => Promise<unknown>;
  unhide: Change;
}

/** The detail page's action, the same for every kind of listing: run the command, then toast or reply. */
export async function listingAction(
  { request, params, context }: ActionFunctionArgs,
  actions: ListingActions,
) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: actions.schema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (command.intent === "publish") await actions.publish(user, id, meta);
    else if (command.intent === "withdraw") await actions.withdraw(user, id, meta);
    else if (command.intent === "hide") await actions.hide(user, id, command.reason, meta);
    else await actions.unhide(user, id, meta);
    const toasts = {
      publish: `${actions.ns}.toast.published`,
      withdraw: `${actions.ns}.toast.withdrawn`,
      hide: `${actions.ns}.toast.hidden`,
      unhide: `${actions.ns}.toast.unhidden`,
    } as const;
    return redirectWithToast(`${actions.basePath}/${id}`, { message: toasts[command.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

/**
 * What a kind's detail page posts, from the kind's lifecycle: its publish, withdraw, hide and
 * unhide, with the kind's words and address. The kind also exports them under its own names.
 */
export function listingActions(
  kind: Pick<ListingActions, "ns" | "basePath">,
  schema: ListingActions["schema"],
  lifecycle: Pick<ListingActions, "publish" | "withdraw" | "hide" | "unhide">,
): ListingActions {
  const { publish, withdraw, hide, unhide } = lifecycle;
  return { ns: kind.ns, basePath: kind.basePath, schema, publish, withdraw, hide, unhide };
}
