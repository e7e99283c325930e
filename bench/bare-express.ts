// The baseline of bench:http: a bare Express handler that sends a fixed body, in its own process.
import { readFileSync } from "node:fs";
import express from "express";

const body = readFileSync(process.argv[2], "utf8");
const app = express();
app.get("/", (_req, res) => {
  res.type("html").send(body);
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
