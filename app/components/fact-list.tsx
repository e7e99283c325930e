import type { ReactNode } from "react";

/** Label–value facts in two columns, the way the detail pages show them; empty facts are left out. */
export function FactList({
  facts,
  className = "",
}: {
  facts: readonly (readonly [string, ReactNode])[];
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[auto,1fr] gap-x-4 gap-y-2 ${className}`}>
      {facts
        .filter(([, value]) => value !== null && value !== undefined && value !== "")
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="whitespace-pre-line break-words">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
