import { execFileSync } from "node:child_process";

/*
 * Dependencies between the app's modules point one way: no cycle between two folders of
 * app/modules, directly or through others. dependency-cruiser resolves every import (aliases
 * and type-only ones included); this folds its file graph into a module graph and reports each
 * cycle (strongly connected set of modules) with the file imports that close it.
 */
interface CruisedModule {
  source: string;
  dependencies: { resolved: string; dependencyTypes: string[] }[];
}

const MODULE = /^app\/modules\/([^/]+)\//;

const cruised = JSON.parse(
  execFileSync(
    "npx",
    ["depcruise", "app", "--config", ".dependency-cruiser.cjs", "--output-type", "json", "--no-progress"],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  ),
) as { modules: CruisedModule[] };

const edges = new Map<string, Map<string, string>>();
for (const file of cruised.modules) {
  const from = MODULE.exec(file.source)?.[1];
  if (!from) continue;
  for (const dependency of file.dependencies) {
    const to = MODULE.exec(dependency.resolved)?.[1];
    if (!to || to === from) continue;
    const targets = edges.get(from) ?? new Map<string, string>();
    if (!targets.has(to)) targets.set(to, `${file.source} → ${dependency.resolved}`);
    edges.set(from, targets);
  }
}

/** Tarjan's strongly connected components; a component of more than one module is a cycle. */
function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

const cycles = cyclesOf(edges);
if (cycles.length === 0) {
  console.log(`✔ no cycle between the ${edges.size} modules of app/modules that import others`);
} else {
  for (const members of cycles) {
    console.error(`✘ these modules import each other in a cycle: ${members.join(", ")}`);
    for (const from of members) {
      for (const [to, example] of edges.get(from) ?? []) {
        if (members.includes(to)) console.error(`    ${from} → ${to}   (${example})`);
      }
    }
  }
  process.exit(1);
}
