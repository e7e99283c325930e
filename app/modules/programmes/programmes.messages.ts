import { defineMessages } from "~/i18n/catalogue";

/** Funding programmes (资助, 后补助): calls, applications, review, disbursement, evaluation. */
export const programmesMessages = defineMessages(
  {
    "programmes.title": "科技扶贫项目",
  },
  {
    "programmes.title": "Funding programmes",
  },
);
