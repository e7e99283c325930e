import { createHash, createHmac } from "node:crypto";
import type { Env } from "~/env.server";
import { noticeTemplateId, type NoticeTemplateEnv } from "./sms-templates";
import type { ProviderRequest, SmsCode, SmsNotice } from "./sms.server";

const HOST = "sms.tencentcloudapi.com";
const SERVICE = "sms";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();

/** The TC3-HMAC-SHA256 Authorization header of a JSON POST to Tencent Cloud's API 3.0. */
export function tc3Authorization(input: {
  secretId: string;
  secretKey: string;
  body: string;
  timestamp: number;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = "content-type;host";
  const canonicalRequest = [
    "POST",
    "/",
    "",
    `content-type:application/json; charset=utf-8\nhost:${HOST}\n`,
    signedHeaders,
    sha256(input.body),
  ].join("\n");
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", input.timestamp, scope, sha256(canonicalRequest)].join("\n");
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretSigning = hmac(hmac(secretDate, SERVICE), "tc3_request");
  const signature = createHmac("sha256", secretSigning).update(stringToSign).digest("hex");
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

type TencentEnv = Pick<
  Env,
  "SMS_ACCESS_KEY_ID" | "SMS_ACCESS_KEY_SECRET" | "SMS_SIGN_NAME" | "SMS_SDK_APP_ID" | "SMS_REGION"
>;

/** Tencent Cloud SMS `SendSms` (API version 2021-01-11) of one template as a signed JSON POST. */
function tencentRequest(
  env: TencentEnv,
  phone: string,
  template: { id: string; params: string[] },
  now: Date,
): ProviderRequest {
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    PhoneNumberSet: [phone],
    SmsSdkAppId: env.SMS_SDK_APP_ID,
    SignName: env.SMS_SIGN_NAME,
    TemplateId: template.id,
    TemplateParamSet: template.params,
  });
  return {
    method: "POST",
    url: `https://${HOST}/`,
    headers: {
      Authorization: tc3Authorization({
        secretId: env.SMS_ACCESS_KEY_ID!,
        secretKey: env.SMS_ACCESS_KEY_SECRET!,
        body,
        timestamp,
      }),
      "Content-Type": "application/json; charset=utf-8",
      Host: HOST,
      "X-TC-Action": "SendSms",
      "X-TC-Version": "2021-01-11",
      "X-TC-Timestamp": String(timestamp),
      "X-TC-Region": env.SMS_REGION,
    },
    body,
  };
}

/** A verification code: the template SMS_TEMPLATE_ID with the parameters {1} code, {2} minutes. */
export function tencentSendSmsRequest(
  env: TencentEnv & Pick<Env, "SMS_TEMPLATE_ID">,
  { phone, code, minutes }: SmsCode,
  now = new Date(),
): ProviderRequest {
  return tencentRequest(env, phone, { id: env.SMS_TEMPLATE_ID!, params: [code, String(minutes)] }, now);
}

/** A notice: its category's template with the parameters {1} text, {2} link (empty when it did not fit). */
export function tencentSendNoticeRequest(
  env: TencentEnv & NoticeTemplateEnv,
  notice: SmsNotice,
  now = new Date(),
): ProviderRequest {
  const id = noticeTemplateId(env, notice.category);
  if (!id) throw new Error(`no SMS template for ${notice.category} notices`);
  return tencentRequest(env, notice.phone, { id, params: [notice.params.text, notice.params.link] }, now);
}
