import { normaliseUserText } from "~/utils/user-text";

/**
 * Chat text as it is stored and shown. Stored: cleaned like all user text (user-text.ts: NFC, no
 * control characters or direction overrides, emoji joiners kept), at most two blank lines in a
 * row. Shown: as React text (never HTML), with web links made clickable.
 */
export const MAX_MESSAGE_CHARS = 2000;

export function sanitiseMessageText(raw: string): string {
  return normaliseUserText(raw, { multiline: true }).replace(/\n{3,}/g, "\n\n");
}

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// http(s) links and bare www. links; trailing punctuation (Chinese or Latin) is not part of a link.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、；：（）《》【】]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Splits text into plain parts and links; only http and https links are ever made clickable. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index ?? 0;
    const found = match[0].replace(TRAILING, "");
    if (!found) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    const href = found.toLowerCase().startsWith("www.") ? `https://${found}` : found;
    parts.push(URL.canParse(href) ? { kind: "link", text: found, href } : { kind: "text", text: found });
    last = start + found.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
