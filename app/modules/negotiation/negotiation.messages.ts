import { defineMessages } from "~/i18n/catalogue";

/** Invitations to apply and counter-offers on applications. */
export const negotiationMessages = defineMessages(
  {
    "negotiation.invitations.title": "邀请申请",
  },
  {
    "negotiation.invitations.title": "Invitations",
  },
);
