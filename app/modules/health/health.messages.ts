import { defineMessages } from "~/i18n/catalogue";

/** The page served while the database is unreachable (server/maintenance.ts). */
export const healthMessages = defineMessages(
  {
    "health.unavailable.title": "暂时无法访问",
    "health.unavailable.heading": "乡科正在恢复中",
    "health.unavailable.body": "数据服务暂时中断，请稍等一两分钟后再试。刚才没有提交成功的表单，请重新提交。",
    "health.unavailable.retry": "重新加载",
  },
  {
    "health.unavailable.title": "Temporarily unavailable",
    "health.unavailable.heading": "XiangKe is recovering",
    "health.unavailable.body": "Our data service is briefly interrupted. Please try again in a minute or two; a form that did not go through needs to be sent again.",
    "health.unavailable.retry": "Reload",
  },
);
