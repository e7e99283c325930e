import { startAppProcess } from "../support/app-process";

/** One production server with its own embedded database for the whole browser run. */
export default async function globalSetup() {
  const app = await startAppProcess();
  process.env.E2E_BASE_URL = app.url;
  // A test that must let time pass (a need left unanswered for days) moves dates in this database.
  process.env.E2E_DATA_DIR = app.dataDir;
  return async () => {
    await app.stop();
  };
}
