import { spawn } from "node:child_process";
import http from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import type { ClientSocket } from "~/modules/chat/chat-client";
import { findFreePort } from "../../server/embedded-postgres";

export const NGINX = process.env.NGINX_BINARY ?? "/usr/sbin/nginx";

/** The deployer's template (deploy/nginx.conf), exactly, with its placeholders filled. */
export function renderNginxSite(values: {
  listen: string;
  upstreams: string[];
  clientMaxBody: string;
}): string {
  const template = readFileSync(path.resolve(import.meta.dirname, "../../deploy/nginx.conf"), "utf8");
  const rendered = template
    .replaceAll("{{LISTEN}}", values.listen)
    .replaceAll("{{UPSTREAMS}}", values.upstreams.map((address) => `server ${address};`).join("\n    "))
    .replaceAll("{{CLIENT_MAX_BODY}}", values.clientMaxBody);
  if (rendered.includes("{{")) throw new Error("deploy/nginx.conf has a placeholder the test does not fill");
  return rendered;
}

export interface RunningNginx {
  url: string;
  port: number;
  pid: number;
  /** nginx's access log so far (one line per proxied request, with the upstream that served it). */
  accessLog: () => string;
  stop: () => Promise<void>;
}

/**
 * Debian's nginx in the foreground, with its own prefix, configuration and logs in a temporary
 * folder: the site is deploy/nginx.conf, included in a minimal http block. Stopped by its pid.
 */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "xiangke-nginx-"));
  for (const dir of ["logs", "temp"]) mkdirSync(path.join(prefix, dir));
  const port = await findFreePort();
  writeFileSync(
    path.join(prefix, "xiangke.conf"),
    renderNginxSite({ listen: `127.0.0.1:${port}`, upstreams, clientMaxBody: "25m" }),
  );
  writeFileSync(
    path.join(prefix, "nginx.conf"),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
    log_format upstream '$remote_addr "$request" $status $upstream_addr';
    access_log ${prefix}/logs/access.log upstream;
    client_body_temp_path ${prefix}/temp/body;
    proxy_temp_path ${prefix}/temp/proxy;
    fastcgi_temp_path ${prefix}/temp/fastcgi;
    uwsgi_temp_path ${prefix}/temp/uwsgi;
    scgi_temp_path ${prefix}/temp/scgi;
    include ${prefix}/xiangke.conf;
}
`,
  );
  const child = spawn(
    NGINX,
    [
      "-p",
      prefix,
      "-c",
      path.join(prefix, "nginx.conf"),
      "-e",
      path.join(prefix, "logs", "error.log"),
      "-g",
      "daemon off;",
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `nginx exited (${child.exitCode}): ${readFileSync(path.join(prefix, "logs", "error.log"), "utf8")}`,
      );
    const open = await new Promise<boolean>((resolve) => {
      const probe = net.connect(port, "127.0.0.1", () => {
        probe.end();
        resolve(true);
      });
      probe.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("nginx did not listen within 15 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    accessLog: () => readFileSync(path.join(prefix, "logs", "access.log"), "utf8"),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, "SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** A GET from a chosen loopback source address (127.0.0.x), on a connection of its own. */
export function getFrom(
  url: string,
  localAddress: string,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          headers: response.headers,
        }),
      );
    });
    request.once("error", reject);
    request.setTimeout(15_000, () => request.destroy(new Error(`GET ${url} timed out`)));
  });
}

/**
 * A real Socket.IO client with the given session cookie, its connections made from `localAddress`
 * and never kept alive (each long-poll request is a new connection, routed afresh by whatever is
 * in front). Resolves once the server said the session is ready.
 */
export async function socketWithCookie(
  url: string,
  cookie: string,
  options: { localAddress?: string; transports: ("polling" | "websocket")[] },
): Promise<ClientSocket> {
  const agent = new http.Agent({ keepAlive: false, localAddress: options.localAddress });
  const socket: ClientSocket = connect(url, {
    transports: options.transports,
    upgrade: options.transports.length > 1,
    extraHeaders: { cookie },
    agent: agent as unknown as string,
    localAddress: options.localAddress,
    reconnection: false,
  } as Parameters<typeof connect>[1]);
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
