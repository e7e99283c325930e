import {
  WEBHOOK_EVENT_SCHEMAS,
  WEBHOOK_EVENTS,
  eventLabel,
  type WebhookEvent,
} from "~/modules/webhooks/events";
import { bilingual, toJson, type JsonSchema } from "./openapi-text.server";

/*
 * The OpenAPI 3.1 `webhooks` object: one entry per event the platform sends, built from the
 * webhooks module's own event schemas (the ones enqueueEvent checks every payload against), so
 * an event added there is declared here without anyone listing it. The envelope and the headers
 * are what delivery.server.ts sends.
 */

/** The body of a delivery: the envelope around the event's data. */
export function webhookBodySchema(event: WebhookEvent): JsonSchema {
  return {
    type: "object",
    required: ["id", "event", "occurredAt", "data"],
    additionalProperties: false,
    properties: {
      id: { type: "string" },
      event: { type: "string", const: event },
      occurredAt: { type: "string", format: "date-time" },
      data: toJson(WEBHOOK_EVENT_SCHEMAS[event], "output"),
    },
  };
}

const SIGNATURE_PATTERN = "^t=\\d+,v1=[0-9a-f]{64}$";

function webhookHeaders() {
  return [
    {
      name: "XiangKe-Signature",
      in: "header",
      required: true,
      ...bilingual("description", "api.doc.webhook_signature"),
      schema: { type: "string", pattern: SIGNATURE_PATTERN },
    },
    {
      name: "XiangKe-Event",
      in: "header",
      required: true,
      ...bilingual("description", "api.doc.webhook_event"),
      schema: { type: "string", enum: WEBHOOK_EVENTS },
    },
    {
      name: "XiangKe-Delivery",
      in: "header",
      required: true,
      ...bilingual("description", "api.doc.webhook_delivery"),
      schema: { type: "string" },
    },
  ];
}

export function webhookOperations() {
  return Object.fromEntries(
    WEBHOOK_EVENTS.map((event) => [
      event,
      {
        post: {
          operationId: `webhook.${event}`,
          ...bilingual("summary", eventLabel(event)),
          ...bilingual("description", "api.doc.webhook"),
          tags: ["webhooks"],
          parameters: webhookHeaders(),
          requestBody: {
            required: true,
            content: { "application/json": { schema: webhookBodySchema(event) } },
          },
          responses: { "2XX": bilingual("description", "api.doc.webhook_received") },
        },
      },
    ]),
  );
}

/** The webhooks as the reference page lists them: the event's label key, its headers and body. */
export function webhookReference() {
  return WEBHOOK_EVENTS.map((event) => ({
    event,
    label: eventLabel(event),
    headers: webhookHeaders().map(({ name }) => name),
    body: JSON.stringify(webhookBodySchema(event), null, 2),
  }));
}
