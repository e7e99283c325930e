import type { ImgHTMLAttributes } from "react";

/**
 * A stored photo drawn at the size its place needs. `src` is where the photo is served (its
 * full size); the server also keeps it 400 and 200 px wide (`?v=thumb`, `?v=small`), and the
 * browser picks the copy for the width the photo is drawn at (`sizes`) and the screen's density —
 * a 96 px card picture on a phone takes the 200 px copy, about a third of the bytes. Photos are
 * fetched only when they near the screen.
 */
export function Photo({
  src,
  sizes,
  upTo = "thumb",
  ...props
}: {
  src: string;
  /** How wide the photo is drawn, as the `sizes` attribute says it: "6rem", "(min-width: 640px) 33vw, 50vw". */
  sizes: string;
  /** The largest copy worth sending: the 400 px one for pictures in a list, the full photo for a page's own. */
  upTo?: "thumb" | "full";
} & Omit<ImgHTMLAttributes<HTMLImageElement>, "src" | "srcSet" | "sizes">) {
  const candidates = [`${src}?v=small 200w`, `${src}?v=thumb 400w`];
  if (upTo === "full") candidates.push(`${src} 1600w`);
  return (
    <img
      src={`${src}?v=thumb`}
      srcSet={candidates.join(", ")}
      sizes={sizes}
      loading="lazy"
      decoding="async"
      {...props}
    />
  );
}
