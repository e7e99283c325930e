import { pinyin } from "pinyin-pro";
import { tokenize } from "./tokenizer.server";

const HAN = /^\p{Script=Han}+$/u;

/** The field both engines index the documents' pinyin in. */
export const PINYIN_FIELD = "_pinyin";

const spellings = new Map<string, string>();
const MAX_SPELLINGS = 200_000;

/**
 * A Chinese word as a farmer types it in pinyin without tones: 番茄 → "fanqie", 绿色 → "lvse"
 * (ü as v, as on phone keyboards). Readings come from pinyin-pro's word dictionary, so 重庆 is
 * "chongqing". Undefined for anything that is not Chinese.
 */
export function pinyinOf(word: string): string | undefined {
  if (!HAN.test(word)) return undefined;
  let spelled = spellings.get(word);
  if (spelled === undefined) {
    spelled = pinyin(word, { toneType: "none", type: "array", v: true }).join("").toLowerCase();
    // A rebuild spells the same words thousands of times; the vocabulary is bounded, the map too.
    if (spellings.size >= MAX_SPELLINGS) spellings.clear();
    spellings.set(word, spelled);
  }
  return spelled;
}

/**
 * The pinyin of every Chinese word (two characters or more) in the texts, once each, space
 * separated: the extra field both engines index so "fanqie" finds 番茄. Single characters are
 * left out: "ji" would find 鸡, 机, 技 and 季 alike.
 */
export function pinyinText(texts: readonly string[]): string {
  const words = new Set<string>();
  for (const text of texts)
    for (const word of tokenize(text)) {
      if ([...word].length < 2) continue;
      const spelled = pinyinOf(word);
      if (spelled) words.add(spelled);
    }
  return [...words].join(" ");
}
