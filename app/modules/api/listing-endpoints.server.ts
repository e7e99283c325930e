import type { z } from "zod";
import type { Unit } from "~/db.server";
import type { MessageKey } from "~/i18n/i18n";
import type { ListingWriteOptions, RequestMeta } from "~/modules/listings/lifecycle.server";
import type { Actor, Permission } from "~/modules/users/permissions";
import * as s from "./api.schema";
import { defineEndpoint, type ApiEndpoint } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";
import type { Scope } from "./scopes";

/*
 * The writes of a listing (an offer, a space's service) over the API: create, replace the
 * content, publish, withdraw. Each calls the function the pages call, with the form's own zod
 * schema, so the rules (who may post for whom, what publishing needs, which moves the state
 * table allows) are the pages' rules. Every write takes an Idempotency-Key and then runs in the
 * key's transaction: the change and the key commit together or not at all.
 */

type ListingResult = Promise<{ id: string; status: string }>;

/** The form's output: its fields and which button was pressed. */
type FormOutput = { intent: "save" | "publish" };

interface ListingWrites<Form extends z.ZodType<FormOutput>> {
  path: "/api/v1/offers" | "/api/v1/services";
  tag: "offers" | "services";
  scope: Scope;
  /** What the "new" page asks of the person; edits and moves are for the listing's owners. */
  permission: Permission;
  form: Form;
  texts: Record<
    "create" | "update" | "publish" | "withdraw",
    { summary: MessageKey; description: MessageKey }
  >;
  create(
    actor: Actor,
    fields: Omit<z.output<Form>, "intent">,
    options: ListingWriteOptions,
    meta: RequestMeta,
  ): ListingResult;
  update(
    actor: Actor,
    id: string,
    fields: Omit<z.output<Form>, "intent">,
    options: ListingWriteOptions,
    meta: RequestMeta,
  ): ListingResult;
  publish(actor: Actor, id: string, meta: RequestMeta, unit?: Unit): ListingResult;
  withdraw(actor: Actor, id: string, meta: RequestMeta, unit?: Unit): ListingResult;
}

export function listingWriteEndpoints<Form extends z.ZodType<FormOutput>>(kind: ListingWrites<Form>) {
  const shared = { tag: kind.tag, scope: kind.scope, idempotent: true, response: s.ListingStateSchema };

  const create = defineEndpoint(
    {
      ...shared,
      method: "POST",
      path: kind.path,
      permission: kind.permission,
      status: 201,
      ...kind.texts.create,
      body: kind.form,
    },
    ({ actor, body, meta, unit }) => {
      const { intent, ...fields } = body;
      return kind.create(actor!, fields, { publish: intent === "publish", unit }, meta);
    },
  );

  const update = defineEndpoint(
    {
      ...shared,
      method: "PUT",
      path: `${kind.path}/{id}`,
      ...kind.texts.update,
      params: IdParams,
      body: kind.form,
    },
    ({ actor, params, body, meta, unit }) => {
      const { intent, ...fields } = body;
      return kind.update(actor!, params.id, fields, { publish: intent === "publish", unit }, meta);
    },
  );

  const move = (to: "publish" | "withdraw"): ApiEndpoint =>
    defineEndpoint(
      {
        ...shared,
        method: "POST",
        path: `${kind.path}/{id}/${to}`,
        ...kind.texts[to],
        params: IdParams,
      },
      ({ actor, params, meta, unit }) => kind[to](actor!, params.id, meta, unit),
    );

  return { create, update, publish: move("publish"), withdraw: move("withdraw") };
}
