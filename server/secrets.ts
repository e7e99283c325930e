import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * The secret that signs session cookies: SESSION_SECRET when set; otherwise one generated on
 * first start and kept in the data folder, so sessions survive restarts without configuration.
 */
export async function resolveSessionSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.resolve(dataDir, "session-secret");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  await fs.mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
