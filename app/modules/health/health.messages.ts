/** The page served while the database is unreachable (server/maintenance.ts). */
export const healthMessagesZh = {
  "health.unavailable.title": "暂时无法访问",
  "health.unavailable.heading": "乡科正在恢复中",
  "health.unavailable.body": "数据服务暂时中断，请稍等一两分钟后再试。刚才没有提交成功的表单，请重新提交。",
  "health.unavailable.retry": "重新加载",
};
