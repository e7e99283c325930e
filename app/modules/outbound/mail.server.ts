import nodemailer, { type Transporter } from "nodemailer";
import { getEnv, type Env } from "~/env.server";
import { singleton } from "~/utils/singleton.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

function transportOptions(env: Env) {
  if (env.SMTP_URL) return env.SMTP_URL;
  if (!env.SMTP_HOST) return null;
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
    secure: env.SMTP_SECURE ?? false,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
  };
}

/** True when SMTP_URL or SMTP_HOST names a mail server: only then can e-mail links be sent. */
export function mailConfigured(env: Env = getEnv()): boolean {
  return transportOptions(env) !== null;
}

function transporter(env: Env): Transporter {
  const options = transportOptions(env);
  if (!options) throw new Error("no SMTP server is configured (SMTP_URL or SMTP_HOST)");
  return singleton(`mail:${JSON.stringify(options)}`, () => nodemailer.createTransport(options));
}

export async function sendMail(message: MailMessage): Promise<void> {
  const env = getEnv();
  await transporter(env).sendMail({ from: env.MAIL_FROM, ...message });
}
