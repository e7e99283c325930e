import { db } from "~/db.server";
import { getEnv, type Env } from "~/env.server";
import type { NoticeCategory as NotificationCategory } from "./sms-templates";
import { aliyunSendNoticeRequest, aliyunSendSmsRequest } from "./sms-aliyun.server";
import { tencentSendNoticeRequest, tencentSendSmsRequest } from "./sms-tencent.server";
import { noticeTemplateId } from "./sms-templates";

/** One verification-code text. The providers' templates hold the wording; we send the code. */
export interface SmsCode {
  /** +86 mobile number as stored on the account. */
  phone: string;
  code: string;
  /** Minutes the code stays valid (a template parameter). */
  minutes: number;
}

/** One notice: the category picks the approved template, the params fill it. */
export interface SmsNotice {
  phone: string;
  category: NotificationCategory;
  /** `text` is the notification in the person's language; `link` the page to open, or "". */
  params: { text: string; link: string };
}

/** The signature every text carries, which the providers add from SMS_SIGN_NAME. */
const SIGNATURE = "【乡科】";

/** The notice as the person's phone shows it (the templates are `${text} ${link}`). */
export function renderNotice({ text, link }: SmsNotice["params"]): string {
  return `${SIGNATURE}${text}${link ? ` ${link}` : ""}`;
}

/** The HTTP request a provider's API expects; built without sending so tests can read it. */
export interface ProviderRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SmsProvider {
  readonly name: string;
  sendCode(message: SmsCode): Promise<void>;
  /** False when no approved template for the category is configured: such notices are not queued. */
  sendsNotices(category: NotificationCategory): boolean;
  sendNotice(notice: SmsNotice): Promise<void>;
}

/** Development and tests: the text is a DevSmsMessage row and a log line; nothing leaves the machine. */
export const devSmsProvider: SmsProvider = {
  name: "dev",
  async sendCode({ phone, code, minutes }) {
    const body = `【乡科】验证码 ${code}，${minutes} 分钟内有效。Code ${code}, valid ${minutes} min.`;
    await db.devSmsMessage.create({ data: { phone, body }, select: { id: true } });
    // Nothing leaves the machine: the log line is how a developer or demo reads the code.
    console.warn(`dev SMS (not sent) to ${phone}: ${body}`);
  },
  sendsNotices: () => true,
  async sendNotice({ phone, params }) {
    await db.devSmsMessage.create({ data: { phone, body: renderNotice(params) }, select: { id: true } });
  },
};

async function send(name: string, request: ProviderRequest): Promise<void> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${name} SMS answered HTTP ${response.status}`);
}

function httpProvider(
  name: string,
  env: Env,
  build: {
    code: (message: SmsCode) => ProviderRequest;
    notice: (notice: SmsNotice) => ProviderRequest;
  },
): SmsProvider {
  return {
    name,
    sendCode: (message) => send(name, build.code(message)),
    sendsNotices: (category) => Boolean(noticeTemplateId(env, category)),
    sendNotice: (notice) => send(name, build.notice(notice)),
  };
}

export function smsProviderFor(env: Env): SmsProvider {
  if (env.SMS_PROVIDER === "aliyun")
    return httpProvider("aliyun", env, {
      code: (m) => aliyunSendSmsRequest(env, m),
      notice: (n) => aliyunSendNoticeRequest(env, n),
    });
  if (env.SMS_PROVIDER === "tencent")
    return httpProvider("tencent", env, {
      code: (m) => tencentSendSmsRequest(env, m),
      notice: (n) => tencentSendNoticeRequest(env, n),
    });
  return devSmsProvider;
}

export function smsProvider(): SmsProvider {
  return smsProviderFor(getEnv());
}
