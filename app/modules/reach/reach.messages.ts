import { defineMessages } from "~/i18n/catalogue";

/** Informant-assisted posting (信息员), claiming a posted need, triage (分诊) and poverty villages. */
export const reachMessages = defineMessages(
  {
    "reach.informant.title": "信息员代发需求",
  },
  {
    "reach.informant.title": "Post for a farmer",
  },
);
