import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";

// Conform reads a form's constraints from its zod schema while the page renders; a schema it
// cannot read (an object wrapped in .transform()) throws and the page answers 500. Every schema a
// route or a component hands to getZodConstraint is imported here and read the same way.
const appDir = path.resolve(import.meta.dirname, "..");
const uses = ["routes", "components"]
  .flatMap((folder) =>
    readdirSync(path.join(appDir, folder), { recursive: true, encoding: "utf8" }).map((file) =>
      path.join(folder, file),
    ),
  )
  .filter((file) => file.endsWith(".tsx") && !file.endsWith(".test.tsx"))
  .sort()
  .flatMap((file) => {
    const source = readFileSync(path.join(appDir, file), "utf8");
    return [...source.matchAll(/getZodConstraint\((\w+)\)/g)].map((match) => {
      const name = match[1]!;
      const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "([^"]+)"`).exec(source)?.[1];
      return { file, name, from };
    });
  });

describe("form constraints", () => {
  it("finds the schemas the routes use", () => {
    expect(uses.length).toBeGreaterThan(15);
  });

  it.each(uses)("$file reads the constraints of $name", async ({ file, name, from }) => {
    expect(from, `${name} is imported from a module`).toBeDefined();
    const specifier = from!.startsWith("~/")
      ? path.join(appDir, from!.slice(2))
      : path.join(appDir, path.dirname(file), from!);
    const module = (await import(specifier)) as Record<string, unknown>;
    expect(() => getZodConstraint(module[name] as never)).not.toThrow();
  });
});
