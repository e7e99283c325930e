import { marketplaceMessages } from "~/modules/marketplace/marketplace.messages";

// Every module catalogue, merged. Add a module's messages here once.
const catalogues = [marketplaceMessages] as const;

type Union = (typeof catalogues)[number]["zh"];
type Merge<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type ModuleZh = Merge<Union>;

export const moduleMessagesZh = Object.assign({}, ...catalogues.map((c) => c.zh)) as ModuleZh;
export const moduleMessagesEn = Object.assign({}, ...catalogues.map((c) => c.en)) as Record<keyof ModuleZh, string>;
