import type { ReactNode } from "react";

/** Items shown as a column of cards, with a line saying so when there are none. */
export function CardList<Item extends { id: string }>({
  items,
  empty,
  children,
}: {
  items: Item[];
  empty: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <>
      {items.length === 0 ? <p>{empty}</p> : null}
      <ul className="space-y-3">
        {items.map((item) => (
          <li key={item.id} className="card space-y-2">
            {children(item)}
          </li>
        ))}
      </ul>
    </>
  );
}
