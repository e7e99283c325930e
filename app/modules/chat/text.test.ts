import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";
import { linkify, sanitiseMessageText } from "./text";

describe("chat text", () => {
  it("drops control and direction-override characters and keeps line breaks", () => {
    expect(sanitiseMessageText("  你好\u202Egnp.exe\u0007\r\n\r\n\r\n\r\n明天见  ")).toBe(
      "你好gnp.exe\n\n明天见",
    );
  });

  it("makes http, https and www links clickable, without trailing punctuation", () => {
    expect(linkify("资料见 https://example.cn/a?b=1。谢谢")).toEqual([
      { kind: "text", text: "资料见 " },
      { kind: "link", text: "https://example.cn/a?b=1", href: "https://example.cn/a?b=1" },
      { kind: "text", text: "。谢谢" },
    ]);
    expect(linkify("see www.lyu.edu.cn.")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "www.lyu.edu.cn", href: "https://www.lyu.edu.cn" },
      { kind: "text", text: "." },
    ]);
  });

  it("never makes a javascript: or data: text a link", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "<a href=x>y</a>"]) {
      expect(linkify(text).every((part) => part.kind === "text")).toBe(true);
    }
  });
});

describe("per-connection rate limit", () => {
  it("allows a burst, then one message per refill interval, and says how long to wait", () => {
    const t0 = 1_000_000;
    const limiter = createRateLimiter({ burst: 3, refillMs: 1000, now: t0 });
    expect([limiter.take(t0), limiter.take(t0), limiter.take(t0)].every((result) => result.ok)).toBe(true);
    expect(limiter.take(t0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(limiter.take(t0 + 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(limiter.take(t0 + 1000).ok).toBe(true);
  });
});
