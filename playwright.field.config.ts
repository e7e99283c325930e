import { defineConfig, devices } from "@playwright/test";

/*
 * The field suite: the app as it is used from a mountain village — network cuts, slow links,
 * double and triple taps, reloads and a restarted browser — asserting by counting rows in the
 * database. Its own server and database; one worker, because network emulation shares the CPU.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // A fake microphone that grants itself: a voice note records a test tone.
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];

export default defineConfig({
  testDir: "tests/field",
  globalSetup: "./tests/e2e/global-setup.ts",
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "field-phone",
      use: {
        ...devices["Pixel 5"],
        browserName: "chromium",
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
  ],
});
