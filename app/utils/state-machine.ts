import { DomainError, type DomainErrorCode } from "./errors";

/** Allowed transitions, by state: a state machine written as data. */
export type Transitions<S extends string> = Record<S, readonly S[]>;

export function canTransition<S extends string>(table: Transitions<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** Throws the given domain error (409 by default) when `from → to` is not in the table. */
export function assertTransition<S extends string>(
  table: Transitions<S>,
  from: S,
  to: S,
  code: DomainErrorCode = "marketplace.invalid_transition",
): void {
  if (!canTransition(table, from, to)) throw new DomainError(code, { from, to });
}

/** Every state the table lets become `to`: the source states a bulk update may filter on. */
export function statesThatMayBecome<S extends string>(table: Transitions<S>, to: S): S[] {
  return (Object.keys(table) as S[]).filter((from) => table[from].includes(to));
}
