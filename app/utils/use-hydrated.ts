import { useEffect, useState } from "react";

/**
 * False in the server render and until JavaScript has started. Parts of a form that only make
 * sense for some choices stay visible without JavaScript (the server cannot know the choice
 * yet) and are hidden once scripts can react to the choice.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
