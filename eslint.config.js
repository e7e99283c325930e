import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const RESTRICTED_PATHS = [
  {
    name: "@conform-to/react",
    importNames: ["useForm"],
    message: "Use useForm from ~/utils/use-form: it re-checks on input, so no tap is lost to a blur check.",
  },
  {
    name: "@remix-run/react",
    importNames: ["Form"],
    message:
      "Use Form from ~/components/form: it carries a one-time submission key and stays busy until done.",
  },
];

/** Backdating ledger rows is for the demo seed only (decision 041, addendum). */
const LEDGER_CLOCK = {
  group: ["**/ledger-clock.server", "**/ledger-clock.server.ts"],
  message: "Only the demo seed may set the ledger's clock: every other transfer is dated by the database.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "data/",
      "backups/",
      "app/generated/",
      "test-results/",
      "playwright-report/",
      "bench/results/",
      "bench/report/",
      "public/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Text boundaries deliberately match NUL and other control characters to remove them.
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // A cast to MessageKey hides a key without a message; let the compiler check it instead.
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSTypeReference[typeName.name='MessageKey']",
          message:
            "Do not cast to MessageKey. Type the dynamic part precisely (a Prisma enum, a const array's element) so the template literal is checked; for a key that arrives as data use isMessageKey or tMaybe/translateMaybe; index a catalogue in tests as Record<string, string>.",
        },
      ],
    },
  },
  {
    // Only the app has React; helpers in tests named use… (useTestDatabase) are not hooks.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "no-restricted-imports": ["error", { paths: RESTRICTED_PATHS, patterns: [LEDGER_CLOCK] }],
    },
  },
  {
    files: ["app/utils/use-form.ts", "app/components/form.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [LEDGER_CLOCK] }] },
  },
  {
    files: ["server/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [LEDGER_CLOCK] }] },
  },
  {
    // The demo seed dates its story's money by the story's events; the ledger reads that clock.
    files: ["app/modules/demo/**", "app/modules/ledger/ledger.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: RESTRICTED_PATHS }] },
  },
  {
    files: ["tests/**", "bench/**", "scripts/**", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-console": "off" },
  },
);
