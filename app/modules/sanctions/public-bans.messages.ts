/** The published list of bans (3年内不得承担), readable by anyone. */
export const publicBansMessagesZh = {
  "bans.title": "禁止承担科技项目名单",
  "bans.intro":
    "依据洛阳市科技扶贫专项行动计划，对弄虚作假、挪用资金的单位和个人，3 年内不得承担各级科技项目。以下为市科技局作出的决定。",
  "bans.none": "没有符合条件的公示记录。",
  "bans.query": "单位名称或统一社会信用代码",
  "bans.search": "查询",
  "bans.status.ACTIVE": "执行中",
  "bans.status.ENDED": "已期满",
  "bans.status.LIFTED": "已提前解除",
  "bans.subject.ORGANISATION": "单位",
  "bans.subject.PERSON": "个人",
  "bans.creditCode": "统一社会信用代码",
  "bans.person": "个人",
  "bans.decidedOn": "决定日期",
  "bans.endsOn": "截止日期",
  "bans.liftedOn": "解除日期",
  "bans.reason": "原因",
  "bans.programme": "所涉项目",
  "bans.previous": "上一页",
  "bans.next": "下一页",
  "bans.apiHint": "数据也可通过开放接口 GET /api/v1/bans 获取。",
};
