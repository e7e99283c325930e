/**
 * Runs `work` every `intervalMs` (and once at once unless told otherwise), never twice at the
 * same time: a tick that finds the previous run still going is skipped, and the next one picks up
 * what it left (the jobs keep their state in the database). `work` handles its own errors.
 * Returns the stop function, which waits for a run in progress.
 */
export function startPeriodicJob(
  work: () => Promise<void>,
  intervalMs: number,
  { runAtStart = true } = {},
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = work().finally(() => {
      running = null;
    });
  };
  if (runAtStart) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
