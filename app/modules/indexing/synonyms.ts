import type { SynonymGroups } from "./search.types";

/**
 * Words farmers and researchers mix for the same thing. Both engines get the same groups:
 * Meilisearch as its synonyms setting, the embedded engine by widening the query.
 */
export const SYNONYMS: SynonymGroups = [
  ["光伏", "太阳能发电", "太阳能", "光伏发电"],
  ["大棚", "温室", "日光温室"],
  ["香菇", "花菇", "shiitake", "xianggu"],
  ["电商", "网店", "网上销售", "电子商务", "e-commerce"],
  ["土鸡", "散养鸡", "柴鸡"],
  ["民宿", "农家乐"],
  ["牡丹", "peony", "mudan"],
  ["苹果", "apple", "富士", "fuji"],
  ["核桃", "walnut", "hetao"],
  ["红薯", "地瓜", "sweet potato", "hongshu"],
  ["蜂蜜", "honey"],
  ["冷库", "冷藏库", "保鲜库"],
  ["直播带货", "直播销售", "livestream"],
  ["商标", "trademark"],
];
