/** The response encodings the server makes, Brotli first: it is the smaller. */
export type Encoding = "br" | "gzip";
const PREFERENCE: readonly Encoding[] = ["br", "gzip"];

/**
 * The encodings this Accept-Encoding header takes, in the server's order of preference; an
 * encoding given `q=0` (or only `*;q=0`) is refused, one not named is taken only through `*`.
 */
export function acceptedEncodings(acceptEncoding: string | undefined): Encoding[] {
  if (!acceptEncoding) return [];
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  return PREFERENCE.filter((name) => (weights.get(name) ?? weights.get("*") ?? 0) > 0);
}
