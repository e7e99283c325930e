/**
 * Marks the query's words in a text, safely: the text is split, never parsed as HTML, so user
 * content cannot inject markup.
 */
export function Highlight({
  text,
  terms,
  limit,
}: {
  text: string;
  terms: readonly string[];
  limit?: number;
}) {
  const shown = limit && text.length > limit ? `${text.slice(0, limit)}…` : text;
  const usable = terms.filter((term) => term.length > 0);
  if (usable.length === 0) return <>{shown}</>;
  const pattern = new RegExp(
    `(${usable.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`,
    "gi",
  );
  const parts = shown.split(pattern);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} className="rounded bg-amber-200 px-0.5 text-inherit">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
