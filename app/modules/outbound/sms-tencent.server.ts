import { createHash, createHmac } from "node:crypto";
import type { Env } from "~/env.server";
import type { ProviderRequest, SmsCode } from "./sms.server";

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

/** Tencent Cloud SMS `SendSms` (API version 2021-01-11) as a signed JSON POST. */
export function tencentSendSmsRequest(
  env: Pick<
    Env,
    | "SMS_ACCESS_KEY_ID"
    | "SMS_ACCESS_KEY_SECRET"
    | "SMS_SIGN_NAME"
    | "SMS_TEMPLATE_ID"
    | "SMS_SDK_APP_ID"
    | "SMS_REGION"
  >,
  { phone, code, minutes }: SmsCode,
  now = new Date(),
): ProviderRequest {
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    PhoneNumberSet: [phone],
    SmsSdkAppId: env.SMS_SDK_APP_ID,
    SignName: env.SMS_SIGN_NAME,
    TemplateId: env.SMS_TEMPLATE_ID,
    TemplateParamSet: [code, String(minutes)],
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
