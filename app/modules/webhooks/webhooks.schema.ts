import { z } from "zod";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./events";

const Events = z
  .array(z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]], { message: "webhooks.errors.events" }))
  .min(1, { message: "webhooks.errors.events" });

export const RegisterEndpointSchema = z.object({
  url: z.url({ message: "webhooks.errors.url" }).max(500, { message: "webhooks.errors.url" }),
  events: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    Events,
  ),
});
export type RegisterEndpointInput = z.infer<typeof RegisterEndpointSchema>;

const EndpointId = z.string().min(1).max(64);

/** Every form on /orgs/:id/webhooks, told apart by `intent`. */
export const EndpointsIntentSchema = z.discriminatedUnion("intent", [
  RegisterEndpointSchema.extend({ intent: z.literal("register") }),
  z.object({ intent: z.literal("disable"), endpointId: EndpointId }),
  z.object({ intent: z.literal("enable"), endpointId: EndpointId }),
  z.object({ intent: z.literal("rotate"), endpointId: EndpointId }),
  z.object({ intent: z.literal("delete"), endpointId: EndpointId }),
]);

export const ReplaySchema = z.object({ intent: z.literal("replay"), deliveryId: EndpointId });
