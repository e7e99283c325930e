// Loaded by bench:chat into the server processes it measures (NODE_OPTIONS / execArgv
// "--expose-gc --import"), so the servers' own code stays untouched:
// - SIGWINCH: a full garbage collection, so resident memory comes down to live objects rather
//   than garbage (bench/lib.ts lowestRssKb and liveMemory read it over a quiet period); with
//   BENCH_MEMORY_FILE set, the process's memoryUsage() right after it is written there;
// - SIGUSR2, when BENCH_CPU_PROF=<folder> is set: the first starts the V8 CPU profiler, the second
//   writes <folder>/app-<time>.cpuprofile (Node 20 refuses --cpu-prof in NODE_OPTIONS).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const memoryFile = process.env.BENCH_MEMORY_FILE;
process.on("SIGWINCH", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  if (memoryFile && globalThis.gc)
    writeFileSync(memoryFile, JSON.stringify({ ...process.memoryUsage(), pid: process.pid, at: Date.now() }));
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
