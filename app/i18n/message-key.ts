import type { MessageKey } from "./zh";

/** The message keys under a prefix: `KeysOf<"reviews.criterion">` is "reviews.criterion.expertise" | …. */
export type KeysOf<NS extends string> = Extract<MessageKey, `${NS}.${string}`>;

/**
 * What follows the prefix in each of its keys: `MembersOf<"bureau.tool">` is "dashboard" |
 * "dashboard.hint" | …. Type a value with it where it names a message, so that a value without a
 * message under that prefix does not compile.
 */
export type MembersOf<NS extends string> =
  KeysOf<NS> extends infer K ? (K extends `${NS}.${infer M}` ? M : never) : never;

/** A message namespace: what comes before the first dot of a key ("chat" of "chat.retry"). */
export type Namespace = MessageKey extends `${infer NS}.${string}` ? NS : never;
