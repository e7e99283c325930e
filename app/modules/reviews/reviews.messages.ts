import { defineMessages } from "~/i18n/catalogue";

/** Reviews and reputation: two-sided double-blind reviews, replies, reports and moderation; reputation figures. */
export const reviewsMessages = defineMessages(
  {
    "reviews.title": "评价",
  },
  {
    "reviews.title": "Reviews",
  },
);
