import type {
  ArrangementType,
  BrandService,
  NeedKind,
  OfferKind,
  ServiceCategory,
  Urgency,
} from "~/generated/prisma/enums";

/** Demo needs posted by the demo cooperative, so the lists are not empty on a first visit. */
export const DEMO_NEEDS: {
  kind: NeedKind;
  title: string;
  description: string;
  industry: string;
  countyCode: string;
  village?: string;
  budgetMinFen?: number;
  budgetMaxFen?: number;
  urgency: Urgency;
  arrangements: ArrangementType[];
  productName?: string;
  origin?: string;
  story?: string;
  brandServices?: BrandService[];
}[] = [
  {
    kind: "TECHNICAL",
    title: "香菇菌棒污染防治技术指导",
    description:
      "合作社今年制作菌棒 12 万棒，春季污染率超过三成，主要是绿霉。希望专家到现场诊断原因，指导灭菌、接种和发菌管理，并培训 5 名技术员。",
    industry: "PLANTING",
    countyCode: "410324",
    village: "陶湾镇协心村",
    budgetMinFen: 500_000,
    budgetMaxFen: 2_000_000,
    urgency: "HIGH",
    arrangements: ["TECH_CONTRACT", "PAID_SERVICE"],
  },
  {
    kind: "TECHNICAL",
    title: "林下散养土鸡疫病防控与饲料配方",
    description:
      "在核桃林下散养土鸡约 3000 只，去年冬季出现呼吸道疾病，损失较大。需要一套适合山区散养的免疫程序和低成本饲料配方。",
    industry: "BREEDING",
    countyCode: "410324",
    village: "陶湾镇协心村",
    budgetMaxFen: 1_500_000,
    urgency: "NORMAL",
    arrangements: ["PAID_SERVICE", "REVENUE_SHARE"],
  },
  {
    kind: "TECHNICAL",
    title: "香菇烘干与即食香菇脆片加工工艺",
    description:
      "合作社希望把等外菇加工成即食香菇脆片，提高附加值。需要低温真空油炸或冻干工艺方案、设备选型建议和食品生产许可的技术准备。",
    industry: "AGRI_PROCESSING",
    countyCode: "410324",
    budgetMinFen: 3_000_000,
    budgetMaxFen: 8_000_000,
    urgency: "NORMAL",
    arrangements: ["TECH_EQUITY", "REVENUE_SHARE", "TECH_CONTRACT"],
  },
  {
    kind: "BRANDING",
    title: "协心村香菇区域品牌设计与商标注册",
    description:
      "我们的香菇生长在海拔 800 米以上的伏牛山区，肉厚味香，但一直以散货出售。希望做一个有地方特色的品牌，注册商标，设计礼盒包装，并在电商平台上架。",
    industry: "BRANDING",
    countyCode: "410324",
    budgetMinFen: 1_000_000,
    budgetMaxFen: 3_000_000,
    urgency: "NORMAL",
    arrangements: ["PAID_SERVICE", "GRANT_FUNDED"],
    productName: "伏牛山花菇",
    origin: "栾川县陶湾镇",
    story:
      "协心村种菇已有三十多年，老一辈用段木栽培，如今改用菌棒，仍保持自然出菇、人工采摘和柴火烘干的做法。",
    brandServices: ["BRAND_DESIGN", "TRADEMARK", "PACKAGING", "ECOMMERCE_LISTING"],
  },
];

/** Demo offers by the demo expert and the demo university. */
export const DEMO_OFFERS: {
  by: "expert" | "university";
  kind: OfferKind;
  title: string;
  description: string;
  industry: string;
  countiesServed: string[];
  arrangements: ArrangementType[];
  priceMinFen?: number;
  priceMaxFen?: number;
}[] = [
  {
    by: "expert",
    kind: "SERVICE",
    title: "食用菌栽培全程技术指导",
    description:
      "提供香菇、木耳、平菇菌种选育、菌棒制作、污染防治和出菇管理的现场指导，可按季度签订技术承包合同。",
    industry: "PLANTING",
    countiesServed: ["410324", "410325", "410326"],
    arrangements: ["TECH_CONTRACT", "PAID_SERVICE"],
    priceMinFen: 800_000,
    priceMaxFen: 3_000_000,
  },
  {
    by: "university",
    kind: "TECHNOLOGY",
    title: "果蔬低温真空脆片加工技术（成果转化）",
    description:
      "河南科技大学食品学院成熟技术，适用于香菇、苹果、红薯等原料，可提供工艺包、设备选型和人员培训，接受技术入股或收益分成。",
    industry: "AGRI_PROCESSING",
    countiesServed: ["410324", "410325", "410326", "410327", "410328", "410329"],
    arrangements: ["TECH_EQUITY", "REVENUE_SHARE"],
  },
  {
    by: "university",
    kind: "TRAINING",
    title: "新型职业农民电商运营培训",
    description:
      "面向合作社和返乡创业人员的三天集中培训：网店开设、产品拍摄、直播带货和售后，培训后一个月内跟踪辅导。",
    industry: "RURAL_ECOMMERCE",
    countiesServed: ["410324", "410325", "410326", "410327", "410328", "410329", "410323"],
    arrangements: ["PAID_SERVICE", "GRANT_FUNDED"],
    priceMinFen: 30_000,
    priceMaxFen: 30_000,
  },
];

/** Services of the demo Star Innovation Space (嵩县伊河星创天地), published. */
export const DEMO_SERVICES: {
  category: ServiceCategory;
  title: string;
  description: string;
  industries: string[];
  countiesServed: string[];
  free?: boolean;
  priceMinFen?: number;
  priceMaxFen?: number;
  turnaroundDays?: number;
}[] = [
  {
    category: "QUALITY_TESTING",
    title: "食用菌农残与重金属质量检测",
    description:
      "与具备资质的检测机构合作，为香菇、木耳等食用菌提供农药残留、重金属和二氧化硫检测，出具可用于商超和电商上架的检测报告。合作社送样即可，也可预约上门取样。",
    industries: ["PLANTING", "AGRI_PROCESSING"],
    countiesServed: ["410325", "410324", "410326"],
    priceMinFen: 30_000,
    priceMaxFen: 120_000,
    turnaroundDays: 7,
  },
  {
    category: "FINANCE",
    title: "小额信贷与贴息申请辅导",
    description:
      "帮助合作社、家庭农场和返乡创业人员梳理经营材料，对接县农商行的小额信贷和扶贫贴息政策，辅导填写申请表，跟进审批进度。服务由星创天地承担，不向农户收费。",
    industries: [],
    countiesServed: ["410325", "410324"],
    free: true,
    turnaroundDays: 15,
  },
  {
    category: "LEGAL",
    title: "农产品商标注册代理",
    description:
      "为合作社的农产品品牌提供商标查询、类别建议、申请材料准备和提交，跟踪审查直至领证；可同时咨询地理标志和包装设计的知识产权问题。官费另计。",
    industries: ["BRANDING", "AGRI_PROCESSING"],
    countiesServed: ["410325", "410324", "410326", "410328"],
    priceMinFen: 80_000,
    priceMaxFen: 150_000,
    turnaroundDays: 10,
  },
  {
    category: "INCUBATION",
    title: "农村电商创业孵化",
    description:
      "为返乡青年和合作社提供免费工位、直播间和样品仓，导师一对一辅导网店开设、选品和直播带货，孵化期六个月，期间对接快递和供应链资源。",
    industries: ["RURAL_ECOMMERCE"],
    countiesServed: ["410325"],
    free: true,
  },
  {
    category: "ACCOUNTING",
    title: "合作社财务代账与年报申报",
    description:
      "为农民专业合作社提供记账、报税、年度报告公示和盈余分配方案辅导，帮助规范财务管理，满足示范社评定和项目申报的要求。",
    industries: [],
    countiesServed: ["410325", "410324", "410326"],
    priceMinFen: 150_000,
    priceMaxFen: 300_000,
  },
];
