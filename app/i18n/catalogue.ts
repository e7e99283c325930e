/**
 * A domain module's messages: Chinese defines the keys, English must have every one of them.
 * Each module keeps its own file (`<module>.messages.ts`) so features do not collide in one
 * giant catalogue; `app/i18n/modules.ts` merges them.
 */
export function defineMessages<const Zh extends Record<string, string>>(zh: Zh, en: Record<keyof Zh, string>) {
  return { zh, en };
}
