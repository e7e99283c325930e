import type { DictionaryFile } from "./types";

/** The first groups the marketplace shipped with, kept as a file of their own. */
export const GENERAL: DictionaryFile = {
  domain: "综合",
  source:
    "乡科上线时整理的常用同义词（村、合作社与专家在需求和服务里混用的说法），英文与拼音为外国专家和拼音输入者所加。",
  synonyms: [
    ["光伏", "太阳能发电", "光伏发电"],
    ["大棚", "温室", "日光温室"],
    ["香菇", "花菇", "shiitake"],
    ["电商", "网店", "网上销售", "电子商务", "ecommerce"],
    ["土鸡", "散养鸡", "柴鸡"],
    ["民宿", "农家乐"],
    ["牡丹", "peony"],
    ["核桃", "walnut"],
    ["红薯", "地瓜", "番薯", "甘薯"],
    ["蜂蜜", "honey"],
    ["冷库", "冷藏库", "保鲜库"],
    ["直播带货", "直播销售", "livestream"],
    ["商标", "trademark"],
  ],
  hypernyms: [["苹果", ["富士", "红富士", "嘎啦"]]],
  colloquial: [],
};
