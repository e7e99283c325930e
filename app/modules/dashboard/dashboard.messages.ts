import { defineMessages } from "~/i18n/catalogue";

/** The bureau's dashboard: the plan's targets against actuals, by year, county and industry. */
export const dashboardMessages = defineMessages(
  {
    "dashboard.title": "数据看板",
  },
  {
    "dashboard.title": "Dashboard",
  },
);
