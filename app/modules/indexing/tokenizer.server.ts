import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { singleton } from "~/utils/singleton.server";

/**
 * Splits text the way Meilisearch does for Chinese (jieba, search mode: "栾川县" also yields
 * "栾川"), and Latin or pinyin words on spaces and punctuation, lower-cased. Punctuation,
 * whitespace and emoji are dropped.
 */
const jieba = singleton("jieba", () => Jieba.withDict(dict));

const WORD = /[\p{Script=Han}]|[\p{L}\p{N}]/u;

export function tokenize(text: string): string[] {
  if (!text) return [];
  const tokens: string[] = [];
  for (const raw of jieba.cutForSearch(text.normalize("NFKC"), true)) {
    const token = raw.trim().toLowerCase();
    if (token && WORD.test(token)) tokens.push(token);
  }
  return tokens;
}
