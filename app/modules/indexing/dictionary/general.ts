import type { DictionaryFile } from "./types";

/**
 * Words that cross every domain. The groups the marketplace first shipped with (光伏, 大棚,
 * 香菇, 电商, 土鸡, 民宿, 牡丹, 核桃, 红薯, 蜂蜜, 冷库, 直播带货, 商标, 苹果's varieties) now live,
 * widened, in their domain files.
 */
export const GENERAL: DictionaryFile = {
  domain: "综合",
  source:
    "乡科上线时整理的常用说法（村、合作社与专家在需求和服务里混用的词），英文名为外国专家所加；其余见各领域文件。",
  synonyms: [
    ["农产品", "农副产品"],
    ["农业", "agriculture"],
    ["产业链", "全产业链"],

    ["示范基地", "示范园", "示范田"],
  ],
  hypernyms: [],
  colloquial: [
    ["挣不到钱", ["特色产业", "深加工", "品牌"]],
    ["不挣钱", ["特色产业", "深加工", "品牌"]],
  ],
};
