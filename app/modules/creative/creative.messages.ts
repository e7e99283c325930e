import { defineMessages } from "~/i18n/catalogue";

/** Creative agriculture and brands: brand incubation projects and demonstration sites. */
export const creativeMessages = defineMessages(
  {
    "creative.brands": "品牌孵化",
  },
  {
    "creative.brands": "Brand incubation",
  },
);
