import path from "node:path";
import type { RouteConfigEntry } from "@remix-run/route-config";

const APP = path.resolve(import.meta.dirname, "../../app");

export interface RouteTableEntry {
  /** The module's file name, `needs.$id_.edit.tsx`: what tests call the route. */
  name: string;
  /** Absolute path of the module. */
  file: string;
  /** The whole URL pattern, parents included: `/needs/:id/edit`. */
  pattern: string;
  /** Whether other routes nest in it (it then shares its URL with its index route, if any). */
  layout: boolean;
}

/** Every route the app serves, read from app/routes.ts the way the Remix Vite plugin reads it. */
export async function routeTable(): Promise<RouteTableEntry[]> {
  // The plugin tells route-config where the app is before it loads routes.ts; so do we.
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = APP;
  const { default: config } = await import("../../app/routes");
  const table: RouteTableEntry[] = [];
  const walk = (entries: RouteConfigEntry[], parent: string) => {
    for (const entry of entries) {
      const pattern = entry.path ? `${parent.replace(/\/$/, "")}/${entry.path}` : parent;
      table.push({
        name: path.basename(entry.file),
        file: path.resolve(APP, entry.file),
        pattern,
        layout: (entry.children ?? []).length > 0,
      });
      walk(entry.children ?? [], pattern);
    }
  };
  walk(await config, "/");
  return table.sort((a, b) => a.name.localeCompare(b.name));
}
