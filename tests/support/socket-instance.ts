// One app instance's realtime layer as its own process, for the multi-instance tests: the real
// Socket.IO server (session auth, chat handlers) with the adapter the app would choose, on a free
// port. Prints "listening <port>" when ready; stops on SIGTERM.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { db } from "~/db.server";
import { attachSocketServer } from "../../server/socket";
import { chooseSocketAdapter, createSocketAdapter } from "../../server/socket-adapter";

const log = pino({ level: "error" });
const kind = chooseSocketAdapter({
  SOCKET_ADAPTER: process.env.SOCKET_ADAPTER as "memory" | "postgres" | "redis" | undefined,
  REDIS_URL: process.env.REDIS_URL,
  DATABASE_URL: process.env.DATABASE_URL,
});
const adapter = await createSocketAdapter(
  kind,
  { databaseUrl: process.env.DATABASE_URL!, redisUrl: process.env.REDIS_URL },
  log,
);
const http = createServer();
const io = attachSocketServer(http, log, { adapter: adapter.adapter });
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
console.log(`listening ${(http.address() as AddressInfo).port} ${adapter.kind}`);

process.on("SIGTERM", () => {
  io.close(async () => {
    await adapter.close();
    await db.$disconnect();
    process.exit(0);
  });
});
