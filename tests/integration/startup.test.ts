import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function startWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("starting the server with a malformed environment", () => {
  it("stops at once and names the variable that is wrong", async () => {
    const result = await startWith({ PORT: "eighty", DATABASE_URL: "mysql://root@localhost/xiangke" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("XiangKe cannot start");
    expect(result.stderr).toMatch(/PORT: must be a port number/);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});
