// Loaded by bench:chat into the server processes it measures (NODE_OPTIONS / execArgv
// "--expose-gc --import"), so the servers' own code stays untouched:
// - SIGWINCH: a full garbage collection, so resident memory comes down to live objects rather
//   than garbage (bench/chat.ts liveRssKb reads it over a quiet 30 s);
// - SIGUSR2, when BENCH_CPU_PROF=<folder> is set: the first starts the V8 CPU profiler, the second
//   writes <folder>/app-<time>.cpuprofile (Node 20 refuses --cpu-prof in NODE_OPTIONS).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

process.on("SIGWINCH", () => {
  globalThis.gc?.();
  globalThis.gc?.();
});

const folder = process.env.BENCH_CPU_PROF;
if (folder) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on("SIGUSR2", () => {
    running = !running;
    if (running) {
      session.post("Profiler.enable", () => session.post("Profiler.start"));
      return;
    }
    session.post("Profiler.stop", (error, result) => {
      if (!error)
        writeFileSync(path.join(folder, `app-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
