import { defineMessages } from "~/i18n/catalogue";

/** Supervision: suspension of disbursement, claw-back, the 3-year ban. */
export const sanctionsMessages = defineMessages(
  {
    "sanctions.errors.banned": "因“{reason}”被列入限制名单，{until} 前不得承担项目或申请资助。",
  },
  {
    "sanctions.errors.banned": "Barred until {until} from taking on projects or applying for funding: {reason}.",
  },
);
