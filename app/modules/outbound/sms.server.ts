import { db } from "~/db.server";
import { getEnv, type Env } from "~/env.server";
import { aliyunSendSmsRequest } from "./sms-aliyun.server";
import { tencentSendSmsRequest } from "./sms-tencent.server";

/** One verification-code text. The providers' templates hold the wording; we send the code. */
export interface SmsCode {
  /** +86 mobile number as stored on the account. */
  phone: string;
  code: string;
  /** Minutes the code stays valid (a template parameter). */
  minutes: number;
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
};

function httpProvider(name: string, build: (message: SmsCode) => ProviderRequest): SmsProvider {
  return {
    name,
    async sendCode(message) {
      const request = build(message);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`${name} SMS answered HTTP ${response.status}`);
    },
  };
}

export function smsProviderFor(env: Env): SmsProvider {
  if (env.SMS_PROVIDER === "aliyun") return httpProvider("aliyun", (m) => aliyunSendSmsRequest(env, m));
  if (env.SMS_PROVIDER === "tencent") return httpProvider("tencent", (m) => tencentSendSmsRequest(env, m));
  return devSmsProvider;
}

export function smsProvider(): SmsProvider {
  return smsProviderFor(getEnv());
}
