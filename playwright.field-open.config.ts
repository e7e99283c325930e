import { defineConfig } from "@playwright/test";
import field from "./playwright.field.config";

/*
 * Field checks that find a bug not yet fixed, kept out of `npm test` until it is: the first tap
 * after a corrected validation error on 42 forms. In about one run in two, one form (a photo form,
 * or the need page's apply form) loses conform's errors after the refused tap — the field is
 * focused but never marked invalid. See the note on issue 18. `npm run test:field:open`.
 */
export default defineConfig({ ...field, testDir: "tests/field-open" });
