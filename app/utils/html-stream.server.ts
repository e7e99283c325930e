import { Transform } from "node:stream";

/**
 * The stream React's HTML goes through, without the NUL bytes React 18 leaves in it.
 *
 * React 18.3 (react-dom/server, Node) encodes the page into a 2,048-byte buffer. When a
 * multi-byte character — every Chinese character is three bytes in UTF-8 — does not fit in what is
 * left of the buffer, it still sends the whole buffer, so the one or two unused bytes at its end
 * go out as 0x00 (facebook/react#24985, fixed only in React 19 by #26228). On a Chinese page that
 * happens every few kilobytes: inside a text the browser drops the NUL, inside the page's data
 * script it reads U+FFFD, and the first render in the browser then differs from the server's
 * HTML — React's hydration errors #418/#425/#423, on whichever page the boundary happens to fall
 * in a message or a loader's text.
 *
 * A page never holds a NUL of its own (PostgreSQL text cannot store one, JSON escapes it), so the
 * zero bytes a buffer ends with are dropped before anything reads them.
 */
export function htmlWithoutReactNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let end = chunk.length;
      while (end > 0 && chunk[end - 1] === 0) end -= 1;
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
