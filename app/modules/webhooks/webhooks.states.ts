import type { WebhookDeliveryStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * A delivery waits until it is delivered or its last retry fails. A failed delivery is replayed as
 * a new delivery, so neither end state changes again.
 */
export const WEBHOOK_DELIVERY_TRANSITIONS: Transitions<WebhookDeliveryStatus> = {
  PENDING: ["DELIVERED", "FAILED"],
  DELIVERED: [],
  FAILED: [],
};
