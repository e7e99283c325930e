import { AsyncLocalStorage } from "node:async_hooks";
import { setTranslationHooks } from "./i18n";

// The message keys translated while one page renders (see page-messages.tsx). The render runs in
// setImmediate callbacks React schedules, which keep the async context of the request.
const usage = new AsyncLocalStorage<Set<string>>();

setTranslationHooks({ used: (key) => usage.getStore()?.add(key) });

export function withMessageUsage<T>(render: (used: Set<string>) => T): T {
  const used = new Set<string>();
  return usage.run(used, () => render(used));
}
