import { seededRandom } from "../demo-timeline";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The story's dice: every choice the story makes comes from one seeded generator, and every id
 * from a second one, so adding a row of one kind never reshuffles the content of another and two
 * seeds from the same `now` write the same rows.
 */
export function storyRandom(seed: number) {
  const next = seededRandom(seed);
  const idSource = seededRandom(seed ^ 0x5eed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** `count` distinct items, in a shuffled order. */
    some: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return pool.slice(0, Math.min(count, pool.length));
    },
    /** A cuid-shaped id (the routes' links and the hydration test expect ids that start with "c"). */
    id: () => {
      let text = "c";
      for (let i = 0; i < 24; i++) text += ID_ALPHABET[Math.floor(idSource() * ID_ALPHABET.length)];
      return text;
    },
  };
}

export type StoryRandom = ReturnType<typeof storyRandom>;

const CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A fictional 统一社会信用代码 for a story organisation: registering authority and kind, the
 * county's division code, "MA0XT" and a serial, then the GB 32100 check character.
 */
export function storyCreditCode(prefix: "93" | "92" | "12" | "91", countyCode: string, serial: number) {
  const body = `${prefix}${countyCode}MA0XT${String(serial).padStart(4, "0")}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(body[i]!) * CREDIT_WEIGHTS[i]!;
  return body + CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}
