import type { OrganisationType, Role } from "~/generated/prisma/enums";

/** Demo-only password, printed in the README. Never use the demo seed on a real deployment. */
export const DEMO_PASSWORD = "xiangke2026";

export interface DemoAccount {
  role: Role;
  login: string;
  displayName: string;
  countyCode?: string;
  organisation?: {
    key: string;
    name: string;
    nameEn: string;
    type: OrganisationType;
    countyCode: string;
    village?: string;
    /** Fictional 统一社会信用代码 with a valid check character (demo only). */
    creditCode: string;
    legalRepresentative: string;
    address: string;
  };
  /** A person verified with a fictional ID number (demo only); only its last four are kept. */
  idNumber?: string;
  /** The key of an organisation created earlier in the list that this person works for. */
  joins?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: "VILLAGE",
    login: "13800000001",
    displayName: "王建国",
    countyCode: "410324",
    idNumber: "410324197001010012",
    organisation: {
      key: "coop",
      name: "栾川县协心香菇专业合作社",
      nameEn: "Xiexin Shiitake Cooperative, Luanchuan",
      type: "COOPERATIVE",
      countyCode: "410324",
      village: "陶湾镇协心村",
      creditCode: "93410324MA0XK0001Q",
      legalRepresentative: "王建国",
      address: "河南省洛阳市栾川县陶湾镇协心村",
    },
  },
  { role: "FARMER", login: "13800000002", displayName: "李秀英", countyCode: "410324" },
  {
    role: "INSTITUTION",
    login: "institution@demo.xiangke.cn",
    displayName: "河南科技大学科技处",
    organisation: {
      key: "university",
      name: "河南科技大学",
      nameEn: "Henan University of Science and Technology",
      type: "UNIVERSITY",
      countyCode: "410305",
      creditCode: "12410300MB0XK0002G",
      legalRepresentative: "陈立（演示）",
      address: "河南省洛阳市涧西区开元大道 263 号",
    },
  },
  {
    role: "EXPERT",
    login: "expert@demo.xiangke.cn",
    displayName: "张明 教授",
    countyCode: "410311",
    idNumber: "410305197502020025",
  },
  {
    role: "SPACE",
    login: "space@demo.xiangke.cn",
    displayName: "嵩县星创天地运营中心",
    organisation: {
      key: "space",
      name: "嵩县伊河星创天地",
      nameEn: "Yihe Star Innovation Space, Song County",
      type: "STAR_SPACE",
      countyCode: "410325",
      creditCode: "91410325MA0XK0003K",
      legalRepresentative: "周强（演示）",
      address: "河南省洛阳市嵩县城关镇伊河路（演示地址）",
    },
  },
  {
    role: "BUREAU",
    login: "bureau@demo.xiangke.cn",
    displayName: "市科技局 农村科技科",
    organisation: {
      key: "bureau",
      name: "洛阳市科学技术局",
      nameEn: "Luoyang Science and Technology Bureau",
      type: "BUREAU",
      countyCode: "410311",
      creditCode: "11410300MB0XK0004R",
      legalRepresentative: "孙伟（演示）",
      address: "河南省洛阳市洛龙区（演示地址）",
    },
  },
  // A second reviewer: a programme application needs scores from two people before a decision.
  { role: "BUREAU", login: "reviewer@demo.xiangke.cn", displayName: "刘敏 评审专家", joins: "bureau" },
  // A county science bureau officer (栾川县, where the demo cooperative is) and a city finance
  // bureau officer: the plan's county and finance actors (issue 22).
  {
    role: "COUNTY",
    login: "county@demo.xiangke.cn",
    displayName: "赵磊 栾川县科技局",
    countyCode: "410324",
  },
  { role: "FINANCE", login: "finance@demo.xiangke.cn", displayName: "钱芳 市财政局教科文科" },
  { role: "ADMIN", login: "admin@demo.xiangke.cn", displayName: "平台管理员" },
];
