import { createEmbeddedEngine } from "~/modules/search/embedded.server";
import { describeSearchContract } from "../support/search-contract";

describeSearchContract("embedded engine", async () => createEmbeddedEngine());
