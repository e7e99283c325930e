/**
 * Chat text as it is stored and shown. Stored: Unicode-normalised, without control characters or
 * the invisible direction overrides used to disguise links and file names, at most two blank
 * lines in a row, trimmed. Shown: as React text (never HTML), with web links made clickable.
 */
export const MAX_MESSAGE_CHARS = 2000;

// C0/C1 controls except tab and newline; bidi embeddings/overrides/isolates; zero-width joiners
// used for spoofing (U+200B–U+200D are kept out too: they are invisible in a chat line).
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function sanitiseMessageText(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
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
