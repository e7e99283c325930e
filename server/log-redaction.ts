import pino, { type Logger, type LoggerOptions } from "pino";

/**
 * Secrets never reach the log. Two layers: pino's `redact` removes the known places (request
 * headers a client authenticates with, the cookies a response sets), and every line is scrubbed
 * as text just before it is written, so a secret that travels somewhere unforeseen — an API token
 * in a query string, a password inside an error that carries a request body or headers, a code in
 * a URL — is caught too.
 */
export const REDACT_PATHS = [
  "req.headers.authorization",
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "err.headers.authorization",
  "err.headers.cookie",
];

const REDACTED = "[Redacted]";

// Names whose values are secret wherever they appear: headers, form fields, JSON keys, queries.
const SECRET_NAME =
  "(?:(?:proxy-)?authorization|cookie|set-cookie|x-api-key|[a-z_]*password[a-z_]*|passwd|" +
  "(?:claim|reset|verification|sms|recovery)_?code|otp|(?:access_|refresh_|api_|reset_)?token|secret)";
// In a query string or a form body a bare "code" is a claim or reset code too (as a JSON key it
// is an error's code, which the log needs).
const FORM_NAME = `(?:${SECRET_NAME}|code)`;

const API_TOKEN = /xk_[A-Za-z0-9_-]{4,}/g;
const CREDENTIALS = /\b(Bearer|Basic|Token)(\s+|%20|\+)[^\s"'\\,;&]+/gi;
// "password":"…" at the top level of a JSON line, or \"password\":\"…\" inside a JSON string.
const JSON_FIELD = new RegExp(`("${SECRET_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
const NESTED_JSON_FIELD = new RegExp(`(\\\\"${SECRET_NAME}\\\\"\\s*:\\s*)\\\\"(?:(?!\\\\").)*\\\\"`, "gi");
// password=… in a query string or a form body; password: "…" as util.inspect and Prisma print it.
const FORM_FIELD = new RegExp(`([?&;\\s]|^|\\\\n|")(${FORM_NAME})=[^&\\s"\\\\#]*`, "gi");
const INSPECTED_FIELD = new RegExp(`(\\b${SECRET_NAME}\\s*:\\s*)(\\\\?['"])(?:(?!\\2).)*\\2`, "gi");

/** The text of a log line with every secret it holds replaced by "[Redacted]". */
export function scrubSecrets(line: string): string {
  return line
    .replace(API_TOKEN, `xk_${REDACTED}`)
    .replace(CREDENTIALS, `$1 ${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(NESTED_JSON_FIELD, `$1\\"${REDACTED}\\"`)
    .replace(FORM_FIELD, `$1$2=${REDACTED}`)
    .replace(INSPECTED_FIELD, `$1$2${REDACTED}$2`);
}

/** What every logger of the server is made with: the redaction above on each line it writes. */
export const redactingLoggerOptions = {
  redact: { paths: REDACT_PATHS, censor: REDACTED },
  hooks: { streamWrite: scrubSecrets },
} satisfies LoggerOptions;

export function createLogger(options: LoggerOptions, destination?: pino.DestinationStream): Logger {
  const merged = { ...options, ...redactingLoggerOptions };
  return destination ? pino(merged, destination) : pino(merged);
}
