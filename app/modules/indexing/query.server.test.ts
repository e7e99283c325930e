import { describe, expect, it } from "vitest";
import { compileDictionary } from "./dictionary/compile";
import { EMPTY_VOCABULARY, expandQuery, WEIGHT, type Vocabulary } from "./query.server";

// A dictionary of its own, so these tests say what expansion does whatever the shipped data holds.
const DICTIONARY = compileDictionary([
  {
    domain: "测试",
    source: "单元测试自编",
    synonyms: [
      ["番茄", "西红柿", "tomato"],
      ["土鸡", "柴鸡"],
      ["电商", "e-commerce"],
    ],
    hypernyms: [
      ["中药材", ["连翘", "丹参", "金银花"]],
      ["苹果", ["红富士"]],
    ],
    colloquial: [["叶子发黄", ["黄化病", "缺素症"]]],
  },
]);

const weights = (q: string, vocabulary: Vocabulary = EMPTY_VOCABULARY) =>
  Object.fromEntries(expandQuery(q, DICTIONARY, vocabulary).map(({ word, weight }) => [word, weight]));

function vocabularyOf(words: Record<string, number>): Vocabulary {
  const byCharacter = new Map<string, Set<string>>();
  for (const word of Object.keys(words))
    if (/^\p{Script=Han}{2,}$/u.test(word))
      for (const character of word)
        byCharacter.set(character, (byCharacter.get(character) ?? new Set()).add(word));
  return {
    documentFrequency: new Map(Object.entries(words)),
    latinWords: new Map(Object.entries(words).filter(([word]) => /^[a-z]/.test(word))),
    byCharacter,
    byPinyin: new Map([["dapeng", new Set(["大棚"])]]),
  };
}

describe("query expansion", () => {
  it("weighs the words typed above synonyms, broader terms and specifics", () => {
    expect(weights("西红柿")).toMatchObject({
      西红柿: WEIGHT.typed,
      番茄: WEIGHT.synonym,
      tomato: WEIGHT.synonym,
    });
    // A herb also finds needs about herbs in general, at half weight; 中药材 finds the herbs lower still.
    expect(weights("连翘")).toMatchObject({ 连翘: 1, 中药材: WEIGHT.broader });
    expect(weights("连翘").丹参).toBeUndefined();
    expect(weights("中药材")).toMatchObject({ 中药材: 1, 连翘: WEIGHT.specific, 金银花: WEIGHT.specific });
    expect(WEIGHT.synonym).toBeLessThan(WEIGHT.typed);
    expect(WEIGHT.specific).toBeLessThan(WEIGHT.broader);
  });

  it("gives each typed word its own concept, its widened words the same one", () => {
    const words = expandQuery("西红柿 土鸡", DICTIONARY);
    const concept = (word: string) => words.find((found) => found.word === word)?.concept;
    expect(concept("西红柿")).toBe(concept("番茄"));
    expect(concept("土鸡")).toBe(concept("柴鸡"));
    expect(concept("西红柿")).not.toBe(concept("土鸡"));
  });

  it("drops stop words and the marketplace's generic words, unless nothing else is left", () => {
    expect(Object.keys(weights("请问我们的西红柿怎么办啊"))).not.toContain("请问");
    expect(Object.keys(weights("请问我们的西红柿怎么办啊")).sort()).toEqual(
      ["tomato", "番茄", "西红柿"].sort(),
    );
    expect(Object.keys(weights("需要技术指导服务"))).toEqual(expect.arrayContaining(["技术"]));
    expect(Object.keys(weights("西红柿 技术 服务"))).not.toContain("技术");
  });

  it("drops the words experts describe themselves with", () => {
    const words = Object.keys(weights("我是搞水产的，熟悉水质，做过十年"));
    expect(words).toEqual(expect.arrayContaining(["水产", "水质"]));
    for (const filler of ["我是", "熟悉", "做过", "搞"]) expect(words).not.toContain(filler);
  });

  it("finds a colloquial phrase inside the query and searches the terms it means", () => {
    const found = expandQuery("我家苹果树叶子发黄了", DICTIONARY);
    const terms = found.filter((word) => word.word === "黄化病" || word.word === "缺素症");
    expect(terms.map((word) => word.weight)).toEqual([WEIGHT.colloquial, WEIGHT.colloquial]);
    // The phrase is a concept of its own, beside 苹果.
    const apple = found.find((word) => word.word === "苹果")!;
    expect(terms[0]!.concept).not.toBe(apple.concept);
  });

  it("hears a colloquial phrase said with a few words in between, in order only", () => {
    const means = (q: string) => expandQuery(q, DICTIONARY).some((word) => word.word === "黄化病");
    expect(means("叶子有点发黄")).toBe(true);
    expect(means("叶子最近都有点发黄")).toBe(true);
    // Too far apart, or the other way round, is not the phrase.
    expect(means("叶子长得很好就是果子外皮有些地方发黄")).toBe(false);
    expect(means("发黄的叶子")).toBe(false);
  });

  it("reads a word jieba guessed, that nobody wrote, as the characters it is made of", () => {
    const vocabulary = vocabularyOf({ 大棚: 3, 土壤: 2, 发白: 1, 烂根: 1 });
    const found = weights("大棚里土发白，菜根老烂", vocabulary);
    // jieba's HMM makes 里土 and 老烂 of characters it does not know.
    expect(found.里土).toBeUndefined();
    expect(found.老烂).toBeUndefined();
    expect(found.土).toBe(WEIGHT.typed);
    expect(found.烂).toBe(WEIGHT.typed);
    // …and the characters reach the words that hold them, below whole words.
    expect(found.土壤).toBe(WEIGHT.character);
    expect(found.烂根).toBe(WEIGHT.character);
    // A word an index holds stays whole.
    expect(weights("菜根老烂", vocabularyOf({ 老烂: 1 })).老烂).toBe(WEIGHT.typed);
  });

  it("searches a multi-word synonym by its meaningful words only, at half weight", () => {
    const found = weights("电商");
    expect(found.e).toBeUndefined();
    expect(found.commerce).toBe(WEIGHT.synonym / 2);
  });

  it("reads pinyin as the Chinese words it spells, from the index and from the dictionary", () => {
    expect(weights("dapeng", vocabularyOf({ 大棚: 3 }))).toMatchObject({ dapeng: 1, 大棚: WEIGHT.pinyin });
    // xihongshi is in no document yet: the dictionary spells it, and its synonyms come along.
    expect(weights("xihongshi")).toMatchObject({
      西红柿: WEIGHT.pinyin,
      番茄: WEIGHT.pinyin * WEIGHT.synonym,
    });
  });

  it("corrects typos in Latin words only, never in numbers", () => {
    const vocabulary = vocabularyOf({ strawberry: 2, "2025": 4 });
    expect(weights("strawbery", vocabulary)).toMatchObject({ strawberry: WEIGHT.typo });
    expect(weights("tomatto")).toMatchObject({ tomato: WEIGHT.typo, 番茄: WEIGHT.typo * WEIGHT.synonym });
    expect(Object.keys(weights("2024", vocabulary))).toEqual(["2024"]);
    expect(Object.keys(weights("a2024", vocabularyOf({ a2025: 1 })))).toEqual(["a2024"]);
  });

  it("widens a partial word to the longer indexed words holding it, below whole words", () => {
    const vocabulary = vocabularyOf({ 水肥一体化: 2, 土鸡: 5, 蛋鸡: 3, 鸡舍: 1, 大棚: 9 });
    expect(weights("水肥", vocabulary)).toMatchObject({ 水肥: 1, 水肥一体化: WEIGHT.prefix });
    expect(weights("鸡", vocabulary)).toMatchObject({
      鸡: 1,
      土鸡: WEIGHT.character,
      蛋鸡: WEIGHT.character,
      鸡舍: WEIGHT.character,
    });
    expect(weights("鸡", vocabulary).大棚).toBeUndefined();
    expect(weights("体化", vocabulary)).toMatchObject({ 水肥一体化: WEIGHT.infix });
    for (const weight of [WEIGHT.prefix, WEIGHT.character, WEIGHT.infix])
      expect(weight).toBeLessThan(WEIGHT.synonym);
  });

  it("weighs the parts of a typed word high when no document holds the whole word", () => {
    expect(weights("苹果树", vocabularyOf({ 苹果: 4 }))).toMatchObject({
      苹果树: 1,
      苹果: WEIGHT.partOfUnknown,
    });
    expect(weights("苹果树", vocabularyOf({ 苹果: 4, 苹果树: 1 }))).toMatchObject({ 苹果: WEIGHT.part });
    expect(WEIGHT.partOfUnknown).toBeLessThan(WEIGHT.typed);
  });

  it("answers any text without failing, with nothing for text that holds no word", () => {
    for (const q of ["", "   ", "🍄🌾", '\\"\n\t']) expect(expandQuery(q, DICTIONARY)).toEqual([]);
    // Only stop words: they are what the person asked for, so they stay.
    expect(expandQuery("的", DICTIONARY).map((term) => term.word)).toEqual(["的"]);
    expect(expandQuery("' OR 1=1 --", DICTIONARY).map((term) => term.word)).toEqual(["or", "1"]);
    // A query is read up to 200 characters, so a pasted page costs no more than that.
    const long = expandQuery("x".repeat(10_000), DICTIONARY);
    expect(long.map((term) => term.word.length)).toEqual([200]);
    for (const term of long) expect(term.weight).toBe(1);
  });
});
