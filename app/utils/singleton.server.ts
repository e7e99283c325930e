/**
 * One instance per process, even when a module is evaluated twice (the tsx-run server and the
 * Vite-built Remix bundle each import app modules; dev HMR re-evaluates them).
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __xiangke?: Map<string, unknown> };
  store.__xiangke ??= new Map();
  if (!store.__xiangke.has(name)) store.__xiangke.set(name, create());
  return store.__xiangke.get(name) as T;
}
