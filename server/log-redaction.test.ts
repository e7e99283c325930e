import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "./log-redaction";

const TOKEN = "xk_AbC123_def-456ghi789";

describe("scrubSecrets", () => {
  it.each([
    [`{"url":"/api/v1/needs?token=${TOKEN}"}`, TOKEN],
    [`{"authorization":"Bearer abc.def"}`, "abc.def"],
    [`{"msg":"sent Authorization: Basic dXNlcjpwYXNz"}`, "dXNlcjpwYXNz"],
    [`{"password":"Sesame-42 \\"quoted\\""}`, "Sesame-42"],
    [`{"err":{"body":"{\\"identifier\\":\\"138\\",\\"currentPassword\\":\\"Sesame-42\\"}"}}`, "Sesame-42"],
    [`{"err":{"body":"identifier=138&password=Sesame-42&code=739184"}}`, "Sesame-42"],
    [`{"err":{"body":"identifier=138&password=x&code=739184"}}`, "739184"],
    [`{"url":"/reset-password?code=739184"}`, "739184"],
    [`{"msg":"Invalid invocation: { passwordHash: \\"$argon2id$v=19\\" }"}`, "argon2id"],
    [`{"claimCode":"739184"}`, "739184"],
  ])("removes the secret from %s", (line, secret) => {
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain("[Redacted]");
  });

  it("keeps what is not secret: error codes, ids, messages", () => {
    const line = `{"err":{"code":"P2002","message":"Unique constraint"},"url":"/needs/abc?page=2"}`;
    expect(scrubSecrets(line)).toBe(line);
  });
});

describe("createLogger", () => {
  it("writes no secret of a request or an error, wherever it sits", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const log = createLogger({ level: "info" }, sink);
    log.info({ req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: "xk_session=s" } } }, "request");
    const error = Object.assign(new Error(`token ${TOKEN} refused`), {
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: "password=Sesame-42",
    });
    log.error({ err: error }, "failed");
    const text = lines.join("");
    expect(text).toContain("request");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("xk_session=s");
    expect(text).not.toContain("Sesame-42");
  });
});
