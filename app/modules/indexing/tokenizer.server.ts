import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as JiebaModule from "@node-rs/jieba";
import * as OpenCC from "opencc-js";
import { singleton } from "~/utils/singleton.server";
import { SEARCH_DICTIONARY } from "./dictionary";
import { commonWords, JIEBA_MIN_FREQUENCY } from "./jieba-dictionary.server";

/**
 * Splits text the way Meilisearch does for Chinese (jieba, search mode: "栾川县" also yields
 * "栾川"), and Latin or pinyin words on spaces and punctuation, lower-cased. Punctuation,
 * whitespace and emoji are dropped.
 *
 * jieba also loads the search dictionary's words as a user dictionary, with a frequency high
 * enough to win over its own splits: without it 水肥一体化 is cut into 水肥/一体化 and
 * 植保无人机 into 植保/无人机, so a query for the whole term could not tell a document about it
 * from one that merely says 无人机 somewhere. Search mode still yields the parts.
 */
const USER_WORD_FREQUENCY = 100_000;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

const jieba = singleton("jieba", () => {
  // jieba's native module brings its own allocator (mimalloc), which by default commits its whole
  // first arena at once, in huge pages: about 25 MiB of the idle server's memory that jieba never
  // fills (measured with the built server on the demo data, docs/decisions/047). The option is
  // read when the module loads, so it is set here, just before.
  process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= "0";
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as typeof JiebaModule;
  // The same dictionary file `@node-rs/jieba/dict` reads, but read here and let go once jieba has
  // built its own tables: that module also reads the 6 MB idf.txt, which search never uses, and
  // keeps both files in memory for the life of the process (11 MiB, docs/decisions/043).
  // Its rare words are left out (jieba-dictionary.server.ts).
  const dict = readFileSync(require.resolve("@node-rs/jieba/dict.txt"));
  const segmenter = Jieba.withDict(commonWords(dict, JIEBA_MIN_FREQUENCY));
  const lines = SEARCH_DICTIONARY.words
    .filter((word) => HAN_WORD.test(word))
    .map((word) => `${word} ${USER_WORD_FREQUENCY}`);
  if (lines.length) segmenter.loadDict(Buffer.from(lines.join("\n")));
  return segmenter;
});

/**
 * Traditional characters as written in Hong Kong (著 stays 著) and in Taiwan (著 → 着) both
 * become the simplified ones the index holds; Meilisearch does the same normalisation itself.
 * Character by character (not Taiwan's phrase table), so 軟體 reads 软体, not 软件: the words
 * people wrote stay theirs.
 */
const toSimplified = singleton("opencc-t2cn", () => {
  const fromHongKong = OpenCC.Converter({ from: "hk", to: "cn" });
  const fromTaiwan = OpenCC.Converter({ from: "tw", to: "cn" });
  const convert = (text: string) => fromTaiwan(fromHongKong(text));
  // The converter walks a trie at every character, which made indexing four times slower;
  // almost every text here is simplified already. The characters it would change (every
  // traditional one of the common CJK blocks) are found once, and only texts holding one are
  // converted.
  const characters: string[] = [];
  for (const [from, to] of [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ])
    for (let code = from!; code <= to!; code++) characters.push(String.fromCodePoint(code));
  const converted = [...convert(characters.join(""))];
  const traditional = new Set(
    converted.length === characters.length ? characters.filter((c, i) => converted[i] !== c) : characters,
  );
  return (text: string) => {
    for (const character of text) if (traditional.has(character)) return convert(text);
    return text;
  };
});

/** Full-width forms folded (NFKC), traditional characters simplified, lower-cased. */
export function normaliseText(text: string): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase();
}

const WORD = /[\p{Script=Han}]|[\p{L}\p{N}]/u;

function keep(raw: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const piece of raw) {
    const token = piece.trim();
    if (token && WORD.test(token)) tokens.push(token);
  }
  return tokens;
}

/**
 * Builds jieba's tables and the set of traditional characters now rather than at the first text
 * (about half a second of one core). The server calls it while another process prepares the
 * database, so the work overlaps.
 */
export function warmTokenizer(): void {
  tokenize("預熱 warm");
}

/** Every word the text holds, long words and their parts (what the index stores). */
export function tokenize(text: string): string[] {
  if (!text) return [];
  return keep(jieba.cutForSearch(normaliseText(text), true));
}

/**
 * The words of the text as a reader would split them, longest units only: "水肥一体化技术" is
 * 水肥一体化 and 技术. A query is read this way to know which concepts it names; the parts that
 * `tokenize` adds are searched too, but as the same concept.
 */
export function segment(text: string): string[] {
  if (!text) return [];
  return keep(jieba.cut(normaliseText(text), true));
}

/**
 * The words of the text from jieba's dictionary alone, without its guesses at unknown words
 * (HMM): "老烂" is 老 and 烂 rather than one word nobody wrote.
 */
export function segmentKnown(text: string): string[] {
  if (!text) return [];
  return keep(jieba.cut(normaliseText(text), false));
}

/** The parts search mode adds for one word: 水肥一体化 → 水肥, 一体, 一体化. */
export function partsOf(word: string): string[] {
  return keep(jieba.cutForSearch(word, true)).filter((part) => part !== word);
}
