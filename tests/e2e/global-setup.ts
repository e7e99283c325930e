import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppProcess } from "../support/app-process";
import { startSmtpSink } from "../support/smtp-sink";

/** One production server with its own embedded database for the whole browser run. */
export default async function globalSetup() {
  // The app sends e-mail to a real local SMTP server; each message lands as a file the specs
  // read (they run in other processes), named by recipient.
  const mailDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-e2e-mail-"));
  let received = 0;
  const smtp = await startSmtpSink((mail) => {
    received += 1;
    writeFileSync(path.join(mailDir, `${mail.to.join(",")}.${received}.txt`), mail.text);
  });
  const app = await startAppProcess({ SMTP_URL: smtp.url });
  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_MAIL_DIR = mailDir;
  // A test that must let time pass (a need left unanswered for days) moves dates in this database.
  process.env.E2E_DATA_DIR = app.dataDir;
  return async () => {
    await app.stop();
    await smtp.stop();
    rmSync(mailDir, { recursive: true, force: true });
  };
}
