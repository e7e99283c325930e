import type { CountyCode, IndustryCode } from "~/modules/reference/reference";

/**
 * The story's hand-written Chinese: fictional people, villages and enterprises, and what a
 * village asks for and an expert offers in each industry. Nothing here names a real person.
 * The words the demo's own tests search for (a few crops and animals of the seven demo needs)
 * stay out of these texts, so the story never outranks what those tests look for.
 */

export const SURNAMES =
  "王李刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文".split(
    "",
  );
export const GIVEN_NAMES = [
  "建华",
  "秀兰",
  "国强",
  "桂英",
  "志刚",
  "丽娟",
  "海涛",
  "春梅",
  "红军",
  "玉兰",
  "卫东",
  "淑芬",
  "晓峰",
  "彩霞",
  "德胜",
  "雪梅",
  "永红",
  "金凤",
  "振宇",
  "慧敏",
  "文博",
  "静怡",
  "浩然",
  "思远",
  "立新",
  "素珍",
  "保国",
  "爱莲",
  "长青",
  "月娥",
  "铁柱",
  "巧云",
  "向阳",
  "佳琪",
  "子豪",
  "梦瑶",
];

/** Two fictional villages (township, village) in each county and district. */
export const VILLAGES: Record<CountyCode, [string, string][]> = {
  "410324": [
    ["合峪镇", "青岗村"],
    ["叫河镇", "石门村"],
    ["秋扒乡", "北沟村"],
  ],
  "410325": [
    ["车村镇", "云岭村"],
    ["白河镇", "松林村"],
    ["九店乡", "石场村"],
  ],
  "410326": [
    ["付店镇", "杜鹃村"],
    ["靳村乡", "竹园村"],
  ],
  "410328": [
    ["上戈镇", "苹果岭村"],
    ["罗岭乡", "东山村"],
    ["底张乡", "河湾村"],
  ],
  "410327": [
    ["花果山乡", "山楂村"],
    ["赵保镇", "西岭村"],
  ],
  "410329": [
    ["白沙镇", "柳林村"],
    ["江左镇", "南湾村"],
  ],
  "410323": [
    ["石寺镇", "樱桃沟村"],
    ["北冶镇", "甘泉村"],
  ],
  "410308": [
    ["会盟镇", "梨园村"],
    ["平乐镇", "牡丹村"],
  ],
  "410307": [
    ["缑氏镇", "葡萄庄村"],
    ["府店镇", "槐树村"],
  ],
  "410311": [
    ["李楼镇", "兰亭村"],
    ["安乐镇", "新桥村"],
  ],
  "410305": [["孙旗屯乡", "南营村"]],
  "410303": [["红山乡", "红山村"]],
  "410302": [["邙山镇", "苗南村"]],
  "410304": [["瀍河乡", "塔湾村"]],
};

/** What a village organisation grows or makes, by county (used in names and descriptions). */
export const PRODUCTS: Record<CountyCode, string[]> = {
  "410324": ["核桃", "中药材", "山野菜"],
  "410325": ["中药材", "红薯", "山茱萸"],
  "410326": ["红薯粉条", "杜仲", "茶叶"],
  "410328": ["苹果", "金珠沙梨", "中药材"],
  "410327": ["花椒", "山楂", "小米"],
  "410329": ["小杂粮", "蔬菜", "花生"],
  "410323": ["樱桃", "石榴", "烟叶"],
  "410308": ["梨", "葡萄", "小麦"],
  "410307": ["葡萄", "银条", "蔬菜"],
  "410311": ["草莓", "兰花", "蔬菜"],
  "410305": ["花卉", "苗木"],
  "410303": ["蔬菜", "苗木"],
  "410302": ["牡丹", "桃"],
  "410304": ["蔬菜", "牛肉"],
};

export const ORG_KIND_NAMES = {
  VILLAGE_COMMITTEE: "村民委员会",
  COOPERATIVE: "种养专业合作社",
  FAMILY_FARM: "家庭农场",
  LARGE_GROWER: "种植大户",
} as const;

export const INSTITUTIONS = [
  {
    key: "river",
    name: "河洛农业职业学院（演示）",
    nameEn: "Heluo Agricultural College (demo)",
    type: "UNIVERSITY",
    countyCode: "410311",
  },
  {
    key: "academy",
    name: "伊洛农林科学研究院（演示）",
    nameEn: "Yiluo Academy of Agriculture and Forestry (demo)",
    type: "RESEARCH_INSTITUTE",
    countyCode: "410303",
  },
  {
    key: "food",
    name: "洛阳农产品加工工程研究所（演示）",
    nameEn: "Luoyang Agri-processing Engineering Institute (demo)",
    type: "RESEARCH_INSTITUTE",
    countyCode: "410305",
  },
] as const;

export interface ExpertTemplate {
  title: string;
  fields: IndustryCode[];
  specialties: string;
}

export const EXPERT_TEMPLATES: ExpertTemplate[] = [
  { title: "研究员 · 果树栽培", fields: ["PLANTING"], specialties: "苹果、梨矮化密植与水肥一体化" },
  {
    title: "副教授 · 中药材",
    fields: ["PLANTING", "AGRI_PROCESSING"],
    specialties: "丹参、柴胡等道地药材规范化种植与初加工",
  },
  { title: "高级兽医师", fields: ["BREEDING"], specialties: "肉牛、山羊养殖与常见疫病防控" },
  { title: "教授 · 食品工程", fields: ["AGRI_PROCESSING"], specialties: "果蔬干制、杂粮加工与食品安全标准" },
  {
    title: "副研究员 · 设施农业",
    fields: ["PLANTING", "SOLAR_WIND"],
    specialties: "日光温室与农光互补大棚设计",
  },
  {
    title: "讲师 · 电子商务",
    fields: ["RURAL_ECOMMERCE", "BRANDING"],
    specialties: "农产品网店运营、直播带货与冷链配送",
  },
  {
    title: "高级规划师 · 乡村旅游",
    fields: ["RURAL_TOURISM", "CULTURAL_CREATIVE"],
    specialties: "民宿改造、研学线路与乡村景观设计",
  },
  {
    title: "设计师 · 文化创意",
    fields: ["CULTURAL_CREATIVE", "BRANDING"],
    specialties: "农产品包装、品牌视觉与文创产品开发",
  },
  { title: "工程师 · 新能源", fields: ["SOLAR_WIND"], specialties: "村级光伏电站运维与小型风光互补系统" },
  { title: "农艺师 · 土壤肥料", fields: ["PLANTING"], specialties: "测土配方施肥、土壤改良与秸秆还田" },
  { title: "研究员 · 水产", fields: ["BREEDING"], specialties: "冷水鱼、稻渔综合种养" },
  { title: "副教授 · 植物保护", fields: ["PLANTING"], specialties: "病虫害绿色防控与统防统治" },
];

export interface NeedTemplate {
  title: string;
  description: string;
  budget: [number, number];
}

/** `{p}` is the organisation's product, `{v}` its village. */
export const NEED_TEMPLATES: Record<IndustryCode, NeedTemplate[]> = {
  PLANTING: [
    {
      title: "{p}病虫害绿色防控技术指导",
      description: "{v}种了三百多亩{p}，去年病虫害重，打药多效果差，想请专家来田里看看，定一套绿色防控方案。",
      budget: [5_000, 30_000],
    },
    {
      title: "{p}水肥一体化改造",
      description: "{v}的{p}园靠天吃饭，想上滴灌和水肥一体化，需要专家帮忙设计管网、算清投入。",
      budget: [20_000, 80_000],
    },
    {
      title: "{p}良种引进与示范",
      description: "村里{p}品种老化、产量低，想引进适合山区的新品种，先做二十亩示范。",
      budget: [10_000, 50_000],
    },
    {
      title: "丹参规范化种植指导",
      description: "{v}流转了一百亩坡地准备种丹参，想请专家从选地、育苗到采收全程指导。",
      budget: [15_000, 60_000],
    },
  ],
  BREEDING: [
    {
      title: "肉牛育肥饲料配方优化",
      description: "{v}合作社养了八十头肉牛，育肥期长、料肉比高，想请专家优化饲料配方。",
      budget: [8_000, 40_000],
    },
    {
      title: "山羊圈舍改造与疫病防控",
      description: "村里散养山羊两千多只，冬天圈舍潮湿、羔羊成活率低，想改造圈舍、定防疫程序。",
      budget: [10_000, 50_000],
    },
    {
      title: "稻渔综合种养技术",
      description: "{v}有八十亩水田，想试试稻田养鱼，需要专家指导田间工程和投放管理。",
      budget: [15_000, 60_000],
    },
    {
      title: "蜂群越冬管理与蜂蜜检测",
      description: "{v}养蜂户三十多家，越冬死亡率高，蜂蜜也没有检测报告，卖不上价。",
      budget: [5_000, 20_000],
    },
  ],
  AGRI_PROCESSING: [
    {
      title: "{p}烘干线建设技术方案",
      description: "{v}每年{p}集中上市卖不上价，想建一条小型烘干线，请专家出设备选型和工艺方案。",
      budget: [30_000, 120_000],
    },
    {
      title: "{p}深加工产品研发",
      description: "想把{p}做成休闲食品或饮品，提高附加值，需要配方研发和小试、中试。",
      budget: [40_000, 150_000],
    },
    {
      title: "小作坊食品生产许可改造",
      description: "{v}合作社的加工间达不到食品生产许可要求，想请专家指导车间布局和质量管理制度。",
      budget: [10_000, 40_000],
    },
  ],
  CULTURAL_CREATIVE: [
    {
      title: "村史馆与农耕文化展陈设计",
      description: "{v}想把老房子改成村史馆，展示农耕文化，需要文创设计团队出方案。",
      budget: [20_000, 80_000],
    },
    {
      title: "{p}文创伴手礼开发",
      description: "游客来了没东西可带，想围绕{p}开发一组文创伴手礼。",
      budget: [10_000, 50_000],
    },
    {
      title: "乡村墙绘与节庆活动策划",
      description: "村里想办一个丰收节，顺便把主街墙面画起来，需要策划和设计。",
      budget: [8_000, 30_000],
    },
  ],
  RURAL_TOURISM: [
    {
      title: "闲置农房改造民宿设计",
      description: "{v}有十几处闲置农房，想统一改造成民宿，需要设计和运营方案。",
      budget: [30_000, 100_000],
    },
    {
      title: "{p}采摘园研学线路规划",
      description: "想把{p}采摘和中小学研学结合起来，请专家规划线路和课程。",
      budget: [10_000, 40_000],
    },
    {
      title: "乡村旅游服务人员培训",
      description: "村里开了七八家农家乐，服务不规范，想请老师来讲接待、卫生和安全。",
      budget: [5_000, 15_000],
    },
  ],
  SOLAR_WIND: [
    {
      title: "村级光伏电站运维与发电提升",
      description: "{v}的村级光伏电站发电量逐年下降，想请专家检测组件、定运维规程。",
      budget: [10_000, 50_000],
    },
    {
      title: "农光互补大棚方案论证",
      description: "想在大棚顶上装光伏，棚下继续种{p}，需要专家论证光照和收益。",
      budget: [20_000, 80_000],
    },
    {
      title: "小型风光互补提灌站设计",
      description: "{v}坡地缺水，想建一座风光互补的提灌站，请专家做设计。",
      budget: [30_000, 90_000],
    },
  ],
  RURAL_ECOMMERCE: [
    {
      title: "{p}网店开设与直播带货培训",
      description: "{v}的{p}主要靠贩子收，想自己开网店、做直播，需要老师手把手教。",
      budget: [5_000, 25_000],
    },
    {
      title: "农产品冷链与快递包装方案",
      description: "{p}网上卖出去路上容易坏，想请专家设计包装和冷链方案。",
      budget: [8_000, 30_000],
    },
    {
      title: "村级电商服务站运营指导",
      description: "镇上建了电商服务站但没人会运营，想请专家驻点指导三个月。",
      budget: [10_000, 40_000],
    },
  ],
  BRANDING: [
    {
      title: "{p}区域公用品牌设计",
      description: "{v}的{p}品质好但没有品牌，想做一套品牌名称、标志和包装。",
      budget: [20_000, 80_000],
    },
    {
      title: "{p}地理标志申报辅导",
      description: "想为本地{p}申报农产品地理标志，需要专家整理材料、指导检测。",
      budget: [15_000, 60_000],
    },
    {
      title: "{p}包装升级与品牌故事",
      description: "现在的包装太土，想讲好{p}的品牌故事，重新设计礼盒。",
      budget: [10_000, 40_000],
    },
  ],
};

export interface OfferTemplate {
  kind: "TECHNOLOGY" | "SERVICE" | "TRAINING";
  title: string;
  description: string;
  price: [number, number];
}

export const OFFER_TEMPLATES: Record<IndustryCode, OfferTemplate[]> = {
  PLANTING: [
    {
      kind: "TECHNOLOGY",
      title: "山地果园矮化密植技术",
      description: "适合浅山丘陵的矮化密植和省力化修剪技术，三年挂果，亩产提高三成。",
      price: [20_000, 80_000],
    },
    {
      kind: "SERVICE",
      title: "测土配方施肥服务",
      description: "采样、化验、出配方，一村一方，按季度回访。",
      price: [3_000, 12_000],
    },
    {
      kind: "TRAINING",
      title: "中药材规范化种植培训班",
      description: "三天现场教学：选地、育苗、田间管理、采收初加工。",
      price: [2_000, 8_000],
    },
  ],
  BREEDING: [
    {
      kind: "TECHNOLOGY",
      title: "肉牛全混合日粮饲喂技术",
      description: "用本地秸秆和玉米配制全混合日粮，缩短育肥期一个月。",
      price: [10_000, 40_000],
    },
    {
      kind: "SERVICE",
      title: "规模养殖场疫病防控驻场服务",
      description: "制定免疫程序、消毒制度，每月驻场两天。",
      price: [6_000, 24_000],
    },
  ],
  AGRI_PROCESSING: [
    {
      kind: "TECHNOLOGY",
      title: "果蔬热泵低温干燥工艺",
      description: "热泵干燥设备选型与工艺曲线，色泽好、能耗低。",
      price: [30_000, 120_000],
    },
    {
      kind: "SERVICE",
      title: "食品生产许可申办辅导",
      description: "车间布局、制度文件、现场核查全流程辅导。",
      price: [8_000, 30_000],
    },
  ],
  CULTURAL_CREATIVE: [
    {
      kind: "SERVICE",
      title: "乡村文创产品设计",
      description: "围绕本地物产和民俗开发文创伴手礼，从草图到打样。",
      price: [10_000, 50_000],
    },
    {
      kind: "SERVICE",
      title: "村史馆展陈策划",
      description: "村史梳理、展陈设计、布展施工指导。",
      price: [20_000, 80_000],
    },
  ],
  RURAL_TOURISM: [
    {
      kind: "SERVICE",
      title: "民宿改造设计与运营陪跑",
      description: "闲置农房改造设计，开业后陪跑运营半年。",
      price: [30_000, 100_000],
    },
    {
      kind: "TRAINING",
      title: "农家乐服务规范培训",
      description: "接待礼仪、后厨卫生、消防安全，一天课程加现场演练。",
      price: [2_000, 6_000],
    },
  ],
  SOLAR_WIND: [
    {
      kind: "SERVICE",
      title: "村级光伏电站体检与运维",
      description: "红外检测、组件清洗方案、逆变器维护，出具体检报告。",
      price: [5_000, 30_000],
    },
    {
      kind: "TECHNOLOGY",
      title: "农光互补大棚结构设计",
      description: "兼顾发电与作物光照的棚顶布设方案。",
      price: [20_000, 90_000],
    },
  ],
  RURAL_ECOMMERCE: [
    {
      kind: "TRAINING",
      title: "农产品直播带货实训",
      description: "选品、拍摄、话术、售后，五天实训，学员当场开播。",
      price: [3_000, 10_000],
    },
    {
      kind: "SERVICE",
      title: "网店代运营与冷链对接",
      description: "帮合作社开店、上架、对接冷链快递，按销售额分成。",
      price: [10_000, 40_000],
    },
  ],
  BRANDING: [
    {
      kind: "SERVICE",
      title: "区域公用品牌策划设计",
      description: "品牌定位、命名、标志与包装体系设计。",
      price: [30_000, 100_000],
    },
    {
      kind: "SERVICE",
      title: "地理标志申报辅导",
      description: "材料编写、质量检测与申报全流程辅导。",
      price: [15_000, 60_000],
    },
  ],
};

export const APPLICATION_APPROACHES = [
  "先到现场调研两天，摸清现状后出书面方案，再分阶段实施，每个阶段结束请合作社验收。",
  "我们团队做过同类项目，计划先做小面积示范，效果好了再推开，全程有技术员驻点。",
  "采用“专家 + 本地技术员”的办法：我每月来两次，平时由村里培养的技术员跟进。",
  "分三步：诊断问题、制定方案、带着社员一起干，结束时留一本操作手册。",
];

export const APPLICATION_TIMELINES = [
  "一个月内完成调研和方案",
  "三个月分两期完成",
  "半年，分三个阶段",
  "一个生产季",
];

/** A short exchange in an application's conversation, alternating poster and expert. */
export const CONVERSATION_LINES = [
  ["您好，看了您的申请，想问问多久能来现场？", "下周二就可以过去，您方便的话我先看看地块。"],
  ["费用能不能分两次付？", "可以，按里程碑来，验收一次付一次。"],
  ["村里有十几户想一起学，能一起培训吗？", "没问题，培训人数不限，我准备些资料。"],
  ["上次说的方案写好了吗？", "写好了，我发在协议里，您看看有什么要改的。"],
  ["路不好走，到了镇上给我打电话，我去接您。", "好的，谢谢，到了联系您。"],
];

export const MILESTONE_PLANS = [
  [
    {
      title: "现场调研与技术方案",
      deliverables: "调研报告一份；技术方案一份",
      acceptanceCriteria: "方案经合作社理事会讨论通过",
    },
    {
      title: "示范实施与培训",
      deliverables: "示范点建成；培训社员不少于 20 人次",
      acceptanceCriteria: "示范点达到方案约定指标",
    },
    { title: "总结验收", deliverables: "总结报告与操作手册", acceptanceCriteria: "合作社签字验收" },
  ],
  [
    { title: "方案设计", deliverables: "设计图纸与预算", acceptanceCriteria: "村委会审定" },
    {
      title: "施工指导与交付",
      deliverables: "现场指导记录；交付清单",
      acceptanceCriteria: "按图纸完成并试运行一周",
    },
  ],
];

export const REVIEW_TEXTS = [
  "专家很负责，来了好几趟，社员都说学到了真本事。",
  "方案实在，花钱不多，效果看得见。",
  "沟通及时，有问题打电话就回。",
  "村里配合得好，材料准备得齐全，合作愉快。",
];

export const SERVICE_LOG_NOTES = [
  "到田间查看长势，现场讲解修剪要点。",
  "给合作社社员讲解病虫害识别，发放明白纸。",
  "和村干部一起研究下一季种植计划。",
  "检查示范点设备运行情况，记录数据。",
  "入户走访，解答农户技术问题。",
];

export const TRAINING_TOPICS = [
  "山区果园冬季修剪现场培训",
  "中药材规范化种植技术讲座",
  "肉牛科学养殖与疫病防控培训",
  "农产品直播带货入门",
  "村级光伏电站日常维护培训",
  "农家乐服务规范培训",
];

export const SPACES = [
  {
    name: "栾川县伊源星创天地",
    countyCode: "410324",
    host: "栾川县农业科技示范园",
    lat: 33.785,
    lng: 111.615,
  },
  { name: "洛宁县洛河星创天地", countyCode: "410328", host: "洛宁县果业科技园", lat: 34.389, lng: 111.653 },
  {
    name: "孟津区黄河湾星创天地",
    countyCode: "410308",
    host: "孟津区现代农业产业园",
    lat: 34.826,
    lng: 112.445,
  },
] as const;

export const SPACE_SERVICES = [
  {
    category: "CONSULTING",
    title: "产业项目咨询",
    description: "为合作社和返乡创业者梳理项目、测算投入产出。",
  },
  {
    category: "TRAINING_MENTORING",
    title: "返乡创业实训营",
    description: "十天实训：项目选择、财务基础、网店运营，结业后导师跟踪一年。",
  },
  {
    category: "FINANCE",
    title: "创业担保贷款对接",
    description: "帮助符合条件的创业者准备材料，对接合作银行。",
  },
  {
    category: "INCUBATION",
    title: "农业创客入驻孵化",
    description: "提供办公工位、样品展示、检测设备共享。",
  },
  { category: "ACCOUNTING", title: "合作社代理记账", description: "按月代理记账、报税，年度财务报告。" },
  { category: "LEGAL", title: "土地流转合同审查", description: "审查流转合同条款，提示风险。" },
] as const;

export const BRAND_NAMES = ["山里红", "伊水清", "洛河源", "云岭香", "老君山下", "石门甜"];

export const FINANCING_PURPOSES = [
  "购置烘干设备，扩大加工能力",
  "建设冷库，错峰销售",
  "流转土地扩大种植规模",
];
