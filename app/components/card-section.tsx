import type { ReactNode } from "react";

/** A card with a titled section of a page; `id` names the heading the section is labelled by. */
export function CardSection({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `card ${className}` : "card"} aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
