import type { Locale } from "~/i18n/i18n";

export interface County {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: "county" | "district";
}

/** Luoyang's seven counties and seven districts, with their administrative division codes. */
export const COUNTIES = [
  { code: "410324", nameZh: "栾川县", nameEn: "Luanchuan County", kind: "county" },
  { code: "410325", nameZh: "嵩县", nameEn: "Song County", kind: "county" },
  { code: "410326", nameZh: "汝阳县", nameEn: "Ruyang County", kind: "county" },
  { code: "410328", nameZh: "洛宁县", nameEn: "Luoning County", kind: "county" },
  { code: "410327", nameZh: "宜阳县", nameEn: "Yiyang County", kind: "county" },
  { code: "410329", nameZh: "伊川县", nameEn: "Yichuan County", kind: "county" },
  { code: "410323", nameZh: "新安县", nameEn: "Xin'an County", kind: "county" },
  { code: "410308", nameZh: "孟津区", nameEn: "Mengjin District", kind: "district" },
  { code: "410307", nameZh: "偃师区", nameEn: "Yanshi District", kind: "district" },
  { code: "410311", nameZh: "洛龙区", nameEn: "Luolong District", kind: "district" },
  { code: "410305", nameZh: "涧西区", nameEn: "Jianxi District", kind: "district" },
  { code: "410303", nameZh: "西工区", nameEn: "Xigong District", kind: "district" },
  { code: "410302", nameZh: "老城区", nameEn: "Laocheng District", kind: "district" },
  { code: "410304", nameZh: "瀍河回族区", nameEn: "Chanhe Hui District", kind: "district" },
] as const satisfies readonly County[];

export type CountyCode = (typeof COUNTIES)[number]["code"];

export interface Industry {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The industries of plan §4.1 and §4.3 (DESIGN.md §2.1). */
export const INDUSTRIES = [
  { code: "PLANTING", nameZh: "种植", nameEn: "Planting" },
  { code: "BREEDING", nameZh: "养殖", nameEn: "Animal breeding" },
  { code: "AGRI_PROCESSING", nameZh: "农产品加工", nameEn: "Agri-processing" },
  { code: "CULTURAL_CREATIVE", nameZh: "文化创意", nameEn: "Cultural & creative" },
  { code: "RURAL_TOURISM", nameZh: "乡村旅游", nameEn: "Rural tourism" },
  { code: "SOLAR_WIND", nameZh: "光伏风能", nameEn: "Solar & wind" },
  { code: "RURAL_ECOMMERCE", nameZh: "农村电商", nameEn: "Rural e-commerce" },
  { code: "BRANDING", nameZh: "品牌", nameEn: "Branding" },
] as const satisfies readonly Industry[];

export type IndustryCode = (typeof INDUSTRIES)[number]["code"];

export const COUNTY_CODES = COUNTIES.map((county) => county.code) as [CountyCode, ...CountyCode[]];
export const INDUSTRY_CODES = INDUSTRIES.map((industry) => industry.code) as [
  IndustryCode,
  ...IndustryCode[],
];

export function localName(item: { nameZh: string; nameEn: string }, locale: Locale): string {
  return locale === "zh" ? item.nameZh : item.nameEn;
}

export function countyName(code: string | null | undefined, locale: Locale): string | undefined {
  const county = COUNTIES.find((candidate) => candidate.code === code);
  return county && localName(county, locale);
}
