/** Words shared by needs, offers and applications: arrangement types, industries' UI, badges. */
export const marketplaceMessagesZh = {
  "arrangement.TECH_EQUITY": "技术入股",
  "arrangement.TECH_CONTRACT": "技术承包",
  "arrangement.REVENUE_SHARE": "收益分成",
  "arrangement.PAID_SERVICE": "有偿服务",
  "arrangement.GRANT_FUNDED": "项目资助",
  "money.negotiable": "面议",
  "money.from": "{min} 起",
  "money.upTo": "最多 {max}",
  "badge.verified": "已认证",
  "badge.unverified": "未认证",
  "badge.commissioner": "科技特派员",
};
