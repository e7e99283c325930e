import { defineMessages } from "~/i18n/catalogue";

/** Words shared by needs, offers and applications: arrangement types, industries' UI, badges. */
export const marketplaceMessages = defineMessages(
  {
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
  },
  {
    "arrangement.TECH_EQUITY": "Technology equity",
    "arrangement.TECH_CONTRACT": "Technology contracting",
    "arrangement.REVENUE_SHARE": "Revenue share",
    "arrangement.PAID_SERVICE": "Paid service",
    "arrangement.GRANT_FUNDED": "Programme-funded",
    "money.negotiable": "Negotiable",
    "money.from": "from {min}",
    "money.upTo": "up to {max}",
    "badge.verified": "Verified",
    "badge.unverified": "Not verified",
    "badge.commissioner": "S&T commissioner",
  },
);
