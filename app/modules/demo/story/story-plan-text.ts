/*
 * Hand-written Chinese text for the story's characteristic towns, training bases and local
 * talent (issue 24). Names are made up; nothing here is any test's expectation.
 */

/** 特色小镇: one per county, with the plan's four sections and the story's records to link. */
export const TOWNS = [
  {
    countyCode: "410328",
    name: "洛宁县上戈苹果小镇",
    status: "ACTIVE",
    ecologyPlan: "坡耕地退耕还果，果园生草覆盖，山坡修建谷坊拦蓄雨水，保护洛河上游水源。",
    functionPlan: "苹果生产、冷链仓储、采摘体验和研学接待四个功能区，镇区配套游客服务中心。",
    industryPlan: "以矮砧密植苹果为主导，发展果品分级包装、果汁加工和苹果文化旅游。",
    environmentPlan: "改造镇区主街立面，建设污水处理站和垃圾分类收集点，村道全部硬化亮化。",
  },
  {
    countyCode: "410326",
    name: "汝阳县杜鹃花山乡小镇",
    status: "BUILDING",
    ecologyPlan: "封山育林保护野生杜鹃花群落，旅游步道避开核心保护区，游客量按季节限流。",
    functionPlan: "花海观光、山地康养、红薯粉条加工展示三大板块，建设乡村民宿集群。",
    industryPlan: "红薯种植加工和杜鹃花旅游双轮驱动，带动农家乐和山货网店。",
    environmentPlan: "实施农房风貌整治，统一民宿服务标准，建设停车场和旅游公厕。",
  },
  {
    countyCode: "410323",
    name: "新安县樱桃谷小镇",
    status: "PLANNING",
    ecologyPlan: "沟谷两侧梯田种植樱桃，配套水土保持林带，禁止在陡坡新开果园。",
    functionPlan: "樱桃采摘、农耕文化展示、亲子研学和山货集市，分期建设。",
    industryPlan: "以早熟樱桃为主导，发展樱桃酒、果脯加工和品牌电商。",
    environmentPlan: "规划建设沟口游客集散点，完善沟内步道、照明和垃圾收运。",
  },
  {
    countyCode: "410308",
    name: "孟津区黄河湾田园小镇",
    status: "BUILDING",
    ecologyPlan: "沿黄河湿地划定生态缓冲带，滩区发展林果间作，不占用湿地核心区。",
    functionPlan: "休闲采摘、田园观光、农产品展销和黄河文化体验，与周边古镇串联成线。",
    industryPlan: "梨、葡萄等鲜果采摘和牡丹文化创意产品，发展订单农业。",
    environmentPlan: "整治沿河村庄环境，建设骑行绿道和滨河公园，推进厕所革命。",
  },
] as const;

/** 创业实训基地: one for each of the story's Star Innovation Spaces, in the space's county. */
export const BASES = [
  {
    name: "伊源农业创业实训基地",
    place: "栾川县农业科技示范园实训楼",
    facilities: "多媒体教室 2 间，食用菌和中药材实训棚各 1 座，学员宿舍 40 床。",
  },
  {
    name: "洛河果业创业实训基地",
    place: "洛宁县果业科技园培训中心",
    facilities: "苹果矮砧密植示范园 120 亩，冷库和分级包装线各 1 条，直播间 2 间。",
  },
  {
    name: "黄河湾电商创业实训基地",
    place: "孟津区现代农业产业园创业楼",
    facilities: "电商直播间 4 间，产品摄影棚 1 间，共享办公工位 30 个。",
  },
] as const;

/** Courses of each base, oldest first; the last of each is still to come. */
export const COURSES = [
  [
    {
      title: "返乡青年农业创业训练营",
      description: "项目选择、成本测算和政策申报，结业时每人拿出一份创业计划书。",
    },
    { title: "中药材规范化种植实训班", description: "连翘、丹参育苗和田间管理，实训棚里动手操作。" },
    { title: "冬季食用菌生产实训班", description: "菌棒制作、温湿度管理和常见污染处理，边讲边做。" },
  ],
  [
    {
      title: "苹果矮砧密植管理实训班",
      description: "整形修剪、水肥一体化和病虫害绿色防控，在示范园现场教学。",
    },
    { title: "果品分级包装与冷链实训", description: "分级标准、包装设计和冷库管理，学员轮流上线操作。" },
    { title: "果园冬季管理与来年规划", description: "冬剪、清园和来年的品种与销售规划，适合果园负责人。" },
  ],
  [
    { title: "农产品直播带货实训营", description: "选品、脚本、直播间搭建和售后，五天里每人完成一场直播。" },
    {
      title: "乡村电商客服与售后实训",
      description: "网店客服话术、差评处理和物流对接，学完可到合作社网店上岗。",
    },
    {
      title: "年货节网店运营实训",
      description: "年货节选品、活动策划和短视频引流，课后一个月导师跟店指导。",
    },
  ],
] as const;

/** What a trainee did after a base course (the outcome note). */
export const TRAINEE_OUTCOMES = [
  ["STARTED_BUSINESS", "回村开了网店，卖自家和邻居的山货。"],
  ["EMPLOYED", "到县里的农业公司做技术员。"],
  ["FARMING", "回家扩大种植面积，按学到的方法管理。"],
  ["STARTED_BUSINESS", "和两个同学合办了农产品加工作坊。"],
  ["FARMING", "在合作社负责技术指导。"],
  ["OTHER", "准备参加下一期进阶班。"],
] as const;

/** Commissioners' trainings in the counties whose story trainings are still to come. */
export const COUNTY_TRAININGS = [
  { countyCode: "410328", title: "苹果园花果管理现场培训", daysAgo: 62 },
  { countyCode: "410328", title: "果园病虫害绿色防控培训", daysAgo: 24 },
  { countyCode: "410308", title: "葡萄避雨栽培技术培训", daysAgo: 33 },
  { countyCode: "410308", title: "农产品网店开设入门培训", daysAgo: 12 },
] as const;

/** What a confirmed local talent does now for the village, by role. */
export const TALENT_WORK = {
  TECHNICIAN: ["负责全村果园的修剪和病虫害防治", "管护村里 30 亩中药材示范田", "给邻居上门指导菌棒管理"],
  INFORMANT: ["每周把村里的技术需求报给乡镇农技站", "在村里收集农户的需求，代为发布"],
  COOP_LEADER: ["带领合作社 20 多户统一种植、统一销售"],
  ECOMMERCE: ["运营村电商服务站，帮农户卖山货", "每周在村里直播两场，卖自家和邻居的产品"],
} as const;

/** People without an account that commissioners recorded by hand (name, skills, role, work). */
export const HAND_RECORDED_TALENT = [
  {
    countyCode: "410325",
    name: "雷满仓",
    skills: "核桃嫁接、果树修剪",
    role: "TECHNICIAN",
    work: "给全村 200 亩核桃园做嫁接和修剪",
  },
  {
    countyCode: "410327",
    name: "宋巧云",
    skills: "手工布鞋、直播",
    role: "ECOMMERCE",
    work: "组织村里妇女做手工布鞋，在网上卖",
  },
  { countyCode: "410323", name: "郭大年", skills: "樱桃栽培", role: null, work: "" },
] as const;

/** Why the 洛宁 project asks its county to move its schedule (the change request waiting there). */
export const SCHEDULE_CHANGE_REASON =
  "今年春季晚霜，示范园新栽苹果苗成活率低，需要补栽，申请把项目完成时间推后三个月，经费不变。";
