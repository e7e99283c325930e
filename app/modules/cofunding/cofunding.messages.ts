import { defineMessages } from "~/i18n/catalogue";

/** Co-funded milestones: several payers, each with a share of one escrow. */
export const cofundingMessages = defineMessages(
  {
    "cofunding.title": "联合出资",
  },
  {
    "cofunding.title": "Co-funding",
  },
);
