import { createHmac, randomUUID } from "node:crypto";
import type { Env } from "~/env.server";
import { noticeTemplateId, type NoticeTemplateEnv } from "./sms-templates";
import type { ProviderRequest, SmsCode, SmsNotice } from "./sms.server";

/** RFC 3986 encoding as Alibaba Cloud's RPC signature (version 1.0) wants it. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Signs RPC-style parameters: HMAC-SHA1 of `GET&%2F&<sorted query>` with `secret&`. */
export function aliyunSignature(params: Record<string, string>, secret: string): string {
  const query = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join("&");
  const stringToSign = `GET&${percentEncode("/")}&${percentEncode(query)}`;
  return createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

type AliyunEnv = Pick<Env, "SMS_ACCESS_KEY_ID" | "SMS_ACCESS_KEY_SECRET" | "SMS_SIGN_NAME">;

/** Alibaba Cloud SMS `SendSms` (API version 2017-05-25) of one template as a signed GET request. */
function aliyunRequest(
  env: AliyunEnv,
  phone: string,
  template: { code: string; params: Record<string, string> },
  now: Date,
  nonce: string,
): ProviderRequest {
  const params: Record<string, string> = {
    AccessKeyId: env.SMS_ACCESS_KEY_ID!,
    Action: "SendSms",
    Format: "JSON",
    PhoneNumbers: phone.replace(/^\+86/, ""),
    RegionId: "cn-hangzhou",
    SignName: env.SMS_SIGN_NAME!,
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: nonce,
    SignatureVersion: "1.0",
    TemplateCode: template.code,
    TemplateParam: JSON.stringify(template.params),
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    Version: "2017-05-25",
  };
  const signature = aliyunSignature(params, env.SMS_ACCESS_KEY_SECRET!);
  const query = new URLSearchParams({ Signature: signature, ...params });
  return { method: "GET", url: `https://dysmsapi.aliyuncs.com/?${query.toString()}`, headers: {} };
}

/** A verification code: the template SMS_TEMPLATE_ID with the parameter `code`. */
export function aliyunSendSmsRequest(
  env: AliyunEnv & Pick<Env, "SMS_TEMPLATE_ID">,
  { phone, code }: SmsCode,
  now = new Date(),
  nonce: string = randomUUID(),
): ProviderRequest {
  return aliyunRequest(env, phone, { code: env.SMS_TEMPLATE_ID!, params: { code } }, now, nonce);
}

/** A notice: its category's template (SMS_NOTICE_TEMPLATE_<CATEGORY>) with `text` and `link`. */
export function aliyunSendNoticeRequest(
  env: AliyunEnv & NoticeTemplateEnv,
  notice: SmsNotice,
  now = new Date(),
  nonce: string = randomUUID(),
): ProviderRequest {
  const code = noticeTemplateId(env, notice.category);
  if (!code) throw new Error(`no SMS template for ${notice.category} notices`);
  return aliyunRequest(env, notice.phone, { code, params: notice.params }, now, nonce);
}
