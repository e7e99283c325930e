import { describe, expect, it } from "vitest";
import { compileDictionary } from "./compile";
import { tokenize } from "../tokenizer.server";
import { DICTIONARY_FILES, SEARCH_DICTIONARY } from "./index";

/**
 * Words that must never be a dictionary member: they say nothing about a need's subject, so a
 * group holding one would widen every query that contains it.
 */
const STOP_WORDS = new Set(
  (
    "的 了 是 在 和 与 及 或 我 我们 你 他 这 那 有 没有 不 也 都 就 还 要 想 能 可 可以 会 做 种 养 用 等 " +
    "怎么 怎样 如何 什么 哪里 哪个 请问 一下 帮 帮忙 找 需要 问题 办法 方法 咋 咋办 啥 呢 吗 吧 啊 " +
    "技术 服务 专家 指导 合作 提供 项目 咨询 解决 帮助"
  ).split(" "),
);
const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /[a-z]/i;

const members = DICTIONARY_FILES.flatMap((file) => [
  ...file.synonyms.flatMap((group) => group.map((word) => ({ file: file.domain, word, role: "synonym" }))),
  ...file.hypernyms.flatMap(([general, specifics]) => [
    { file: file.domain, word: general, role: "hypernym" },
    ...specifics.map((word) => ({ file: file.domain, word, role: "hyponym" })),
  ]),
  ...file.colloquial.flatMap(([phrase, terms]) => [
    { file: file.domain, word: phrase, role: "phrase" },
    ...terms.map((word) => ({ file: file.domain, word, role: "term" })),
  ]),
]);

/** Each word's synonym group in the compiled dictionary (a word in no group stands alone). */
function groupKey(word: string): string {
  const group = SEARCH_DICTIONARY.synonyms.find((candidate) => candidate.includes(word));
  return group ? [...group].sort()[0]! : word;
}

describe("search dictionary data", () => {
  it("gives every file a domain and a note of where its terms come from", () => {
    for (const file of DICTIONARY_FILES) {
      expect(file.domain.trim(), JSON.stringify(file.domain)).not.toBe("");
      expect(file.source.trim().length, file.domain).toBeGreaterThanOrEqual(10);
    }
    const domains = DICTIONARY_FILES.map((file) => file.domain);
    expect(new Set(domains).size).toBe(domains.length);
  });

  it("has no empty, padded or single-character member", () => {
    for (const { file, word, role } of members) {
      const where = `${file} ${role} ${JSON.stringify(word)}`;
      expect(word.trim(), where).toBe(word);
      expect(word.normalize("NFKC"), where).toBe(word);
      expect([...word].length, where).toBeGreaterThanOrEqual(2);
    }
  });

  it("writes Latin members as single lower-case words, never mixed with Chinese", () => {
    for (const { file, word, role } of members.filter(({ word }) => LATIN_LETTER.test(word))) {
      const where = `${file} ${role} ${word}`;
      if (HAN.test(word)) {
        // A variety or product code such as 808香菇 has digits, not Latin letters.
        throw new Error(`Latin mixed with Chinese: ${where}`);
      }
      expect(word, where).toMatch(/^[a-z][a-z0-9]*$/);
    }
  });

  it("names no place and no number, which the county filter and the text itself already cover", () => {
    // A place inside a variety name (洛宁苹果) would widen every apple query to every document
    // from 洛宁; a number (百农207) to every document with that number.
    const place =
      /洛阳|栾川|嵩县|汝阳|洛宁|宜阳|伊川|新安|孟津|偃师|洛龙|河南|豫西|黄河|伏牛|信阳|南阳|灵宝|新郑|卢氏/;
    for (const { file, word, role } of members.filter(({ role }) => role !== "phrase")) {
      expect(word, `${file} ${role}`).not.toMatch(place);
      expect(word, `${file} ${role}`).not.toMatch(/[0-9]/);
    }
    for (const file of DICTIONARY_FILES)
      for (const [general, specifics] of file.hypernyms) expect(specifics.length, general).toBeGreaterThan(0);
  });

  it("never lists a stop word or a generic marketplace word", () => {
    for (const { file, word, role } of members)
      expect(STOP_WORDS.has(word), `${file} ${role} ${word}`).toBe(false);
  });

  it("never widens a query with a generic word hidden inside a longer one", () => {
    // Members and terms are searched for by their parts too (项目申报 would add 项目).
    const generic = ["技术", "服务", "专家", "指导", "项目", "提供", "问题", "办法", "方法", "咨询", "管理"];
    for (const { file, word, role } of members.filter(({ role }) => role !== "phrase"))
      for (const part of generic) expect(word.includes(part), `${file} ${role} ${word}`).toBe(false);
  });

  it("keeps each word in one synonym group, so compiling never chains unrelated meanings", () => {
    const owner = new Map<string, string>();
    for (const file of DICTIONARY_FILES)
      for (const group of file.synonyms) {
        expect(group.length, `${file.domain} ${group.join("/")}`).toBeGreaterThanOrEqual(2);
        for (const word of group) {
          const key = word.toLowerCase();
          expect(owner.get(key), `${word} in ${owner.get(key)} and ${group.join("/")}`).toBeUndefined();
          owner.set(key, `${file.domain}: ${group.join("/")}`);
        }
      }
    const sizes = DICTIONARY_FILES.flatMap((file) => file.synonyms.map((group) => group.length));
    expect(Math.max(...SEARCH_DICTIONARY.synonyms.map((group) => group.length))).toBe(Math.max(...sizes));
  });

  it("never puts a Latin word inside another group's Latin word (queries match members as substrings)", () => {
    const latin = SEARCH_DICTIONARY.synonyms.flatMap((group) =>
      group.filter((word) => LATIN_LETTER.test(word)).map((word) => ({ word, key: groupKey(word) })),
    );
    for (const inner of latin)
      for (const outer of latin)
        if (inner.word !== outer.word && inner.key !== outer.key)
          expect(outer.word.includes(inner.word), `${inner.word} inside ${outer.word}`).toBe(false);
  });

  it("points broader terms one way, from specific to general, without cycles", () => {
    const edges = new Map<string, Set<string>>();
    for (const [specific, generals] of SEARCH_DICTIONARY.broader)
      for (const general of generals) {
        const from = groupKey(specific);
        const to = groupKey(general);
        // A word that is both a synonym and a broader term of another would find itself twice.
        expect(from, `${specific} → ${general} are also synonyms`).not.toBe(to);
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") throw new Error(`hypernym cycle: ${[...path, node].join(" → ")}`);
      state.set(node, "open");
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of edges.keys()) visit(node, []);
  });

  it("maps each colloquial phrase, listed once, to terms that are not the phrase itself", () => {
    const phrases = SEARCH_DICTIONARY.colloquial.map(([phrase]) => phrase);
    expect(phrases.filter((phrase, index) => phrases.indexOf(phrase) !== index)).toEqual([]);
    for (const [phrase, terms] of SEARCH_DICTIONARY.colloquial) {
      expect(terms.length, phrase).toBeGreaterThan(0);
      expect(new Set(terms).size, phrase).toBe(terms.length);
      expect([...phrase].length, phrase).toBeLessThanOrEqual(8);
      for (const term of terms) expect(term, phrase).not.toBe("");
    }
  });

  it("holds hundreds of groups and broader terms and hundreds of colloquial phrases", () => {
    const hypernymEntries = DICTIONARY_FILES.reduce((sum, file) => sum + file.hypernyms.length, 0);
    expect(SEARCH_DICTIONARY.synonyms.length + hypernymEntries).toBeGreaterThanOrEqual(400);
    expect(SEARCH_DICTIONARY.colloquial.length).toBeGreaterThanOrEqual(300);
    // Every word reaches the segmenter, so domain words cut whole.
    for (const word of ["水肥一体化", "植保无人机", "红干椒", "黄化曲叶病毒病"])
      expect(SEARCH_DICTIONARY.words).toContain(word);
  });

  it("gives the segmenter domain words only, never the colloquial phrases", () => {
    // "来摘" as a segmenter word would cut "后来摘了" into 后/来摘.
    const words = new Set(SEARCH_DICTIONARY.words);
    const domainWords = new Set(
      members.filter(({ role }) => role !== "phrase").map(({ word }) => word.toLowerCase()),
    );
    for (const [phrase] of SEARCH_DICTIONARY.colloquial)
      if (!domainWords.has(phrase)) expect(words.has(phrase), phrase).toBe(false);
    expect(words.has("来摘")).toBe(false);
    expect(words.has("采摘园")).toBe(true);
  });

  it("joins the regional names people mix and sends specifics to their general term", () => {
    const same = (a: string, b: string) => groupKey(a) === groupKey(b) && a !== b;
    expect(same("西红柿", "番茄") && same("蕃茄", "番茄")).toBe(true);
    expect(same("洋芋", "土豆") && same("马铃薯", "potato")).toBe(true);
    expect(same("苞谷", "玉米") && same("玉蜀黍", "玉米")).toBe(true);
    expect(same("地瓜", "红薯") && same("辣椒", "海椒")).toBe(true);
    expect(same("红薯", "土豆")).toBe(false);
    const broader = new Map(SEARCH_DICTIONARY.broader);
    expect(broader.get("富士")).toContain("苹果");
    expect(broader.get("香菇")).toContain("食用菌");
    expect(broader.get("连翘")).toContain("中药材");
    expect(broader.get("番茄")).toContain("蔬菜");
    expect(broader.get("蛋鸡")).toContain("家禽");
    const colloquial = new Map(SEARCH_DICTIONARY.colloquial);
    expect(colloquial.get("叶子发黄")).toContain("黄化病");
    expect(colloquial.get("鸡拉稀")).toContain("球虫病");
    expect(colloquial.get("没有冷库放")).toContain("冷库");
    // Vendors' and platforms' names for one thing, and a kind of a thing under it.
    expect(same("小风机", "小型风力发电机") && same("微店", "微商")).toBe(true);
    expect(broader.get("小型风力发电机")).toContain("风电");
    expect(broader.get("风光储")).toContain("风光互补");
    // Situations and self-descriptions reach the words a need is written in.
    expect(colloquial.get("没电")).toContain("农村电网");
    expect(colloquial.get("体验种地")).toContain("认养农业");
    expect(colloquial.get("动物营养")).toContain("饲料配方");
    expect(colloquial.get("畜牧兽医")).toContain("动物疫病");
  });

  it("does not lead one meaning into another through the parts of a member", () => {
    // An expanded member is searched for by its segmented parts; a part that belongs to another
    // group pulls that group in too (洋柿子 would bring 柿子, persimmon, into tomato queries).
    const unrelated: [string, string][] = [
      ["番茄", "柿子"],
      ["秸秆", "玉米"],
      ["银耳", "黑木耳"],
      ["马铃薯", "红薯"],
      ["粘虫板", "黏虫"],
      ["养鱼", "畜禽"],
      ["粪污", "畜禽"],
      ["生菜", "莴笋"],
      ["代用茶", "花卉"],
      ["民宿", "乡村旅游"],
    ];
    const partsOf = (word: string) =>
      (SEARCH_DICTIONARY.synonyms.find((group) => group.includes(word)) ?? [word]).flatMap((member) =>
        tokenize(member),
      );
    for (const [from, to] of unrelated) {
      const target = SEARCH_DICTIONARY.synonyms.find((group) => group.includes(to)) ?? [to];
      const leaked = partsOf(from).filter((part) => target.includes(part));
      expect(leaked, `${from} leads into ${to}`).toEqual([]);
    }
  });

  it("compiles the same dictionary from the same files", () => {
    expect(compileDictionary(DICTIONARY_FILES)).toEqual(SEARCH_DICTIONARY);
  });
});
