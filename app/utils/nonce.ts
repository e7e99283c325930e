import { createContext, useContext } from "react";

/** The per-request CSP nonce; empty in the browser, where the scripts are already trusted. */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
