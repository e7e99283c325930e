import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { aliyunSendNoticeRequest, aliyunSendSmsRequest, aliyunSignature } from "./sms-aliyun.server";
import { tencentSendNoticeRequest, tencentSendSmsRequest } from "./sms-tencent.server";
import { renderNotice, type SmsNotice } from "./sms.server";

const env = {
  SMS_ACCESS_KEY_ID: "testId",
  SMS_ACCESS_KEY_SECRET: "testSecret",
  SMS_SIGN_NAME: "乡科",
  SMS_TEMPLATE_ID: "SMS_123456",
  SMS_SDK_APP_ID: "1400000000",
  SMS_REGION: "ap-guangzhou",
};
const notice: SmsNotice = {
  phone: "+8613800000001",
  category: "money",
  params: { text: "您的提现 ¥1,200.00 已到账", link: "https://xk.example.cn/wallet" },
};
const noticeEnv = { ...env, SMS_NOTICE_TEMPLATE_MONEY: "SMS_777001" };
const message = { phone: "+8613800000001", code: "482913", minutes: 15 };
const now = new Date("2026-12-06T08:00:00.123Z");

describe("Alibaba Cloud SendSms", () => {
  it("signs as Alibaba Cloud's documented example does", () => {
    const params = {
      AccessKeyId: "testId",
      Action: "SendSms",
      Format: "XML",
      OutId: "123",
      PhoneNumbers: "15300000001",
      RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
      SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007",
      TemplateParam: '{"customer":"test"}',
      Timestamp: "2017-07-12T02:42:19Z",
      Version: "2017-05-25",
    };
    expect(aliyunSignature(params, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  it("sends the code as a template parameter in a signed GET", () => {
    const request = aliyunSendSmsRequest(env, message, now, "nonce-1");
    const url = new URL(request.url);
    expect(request.method).toBe("GET");
    expect(url.host).toBe("dysmsapi.aliyuncs.com");
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      Action: "SendSms",
      PhoneNumbers: "13800000001",
      SignName: "乡科",
      TemplateCode: "SMS_123456",
      TemplateParam: '{"code":"482913"}',
      Timestamp: "2026-12-06T08:00:00Z",
      Version: "2017-05-25",
    });
    const { Signature, ...signed } = params;
    expect(Signature).toBe(aliyunSignature(signed, "testSecret"));
  });
});

describe("Tencent Cloud SendSms", () => {
  it("posts the code to the SMS API with a TC3-HMAC-SHA256 signature over the body", () => {
    const request = tencentSendSmsRequest(env, message, now);
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://sms.tencentcloudapi.com/");
    expect(JSON.parse(request.body!)).toEqual({
      PhoneNumberSet: ["+8613800000001"],
      SmsSdkAppId: "1400000000",
      SignName: "乡科",
      TemplateId: "SMS_123456",
      TemplateParamSet: ["482913", "15"],
    });
    expect(request.headers).toMatchObject({
      "X-TC-Action": "SendSms",
      "X-TC-Version": "2021-01-11",
      "X-TC-Timestamp": "1796544000",
      "X-TC-Region": "ap-guangzhou",
    });
    const authorization = request.headers.Authorization!;
    expect(authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=testId\/2026-12-06\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    // The signature follows Tencent's published steps; a changed body no longer matches it.
    const hex = (text: string) => createHash("sha256").update(text).digest("hex");
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n${hex(request.body!)}`;
    const toSign = `TC3-HMAC-SHA256\n1796544000\n2026-12-06/sms/tc3_request\n${hex(canonical)}`;
    let key: Buffer = createHmac("sha256", "TC3testSecret").update("2026-12-06").digest();
    key = createHmac("sha256", key).update("sms").digest();
    key = createHmac("sha256", key).update("tc3_request").digest();
    expect(authorization.endsWith(createHmac("sha256", key).update(toSign).digest("hex"))).toBe(true);
  });
});

describe("notices", () => {
  it("go to Alibaba Cloud as the category's template with text and link", () => {
    const request = aliyunSendNoticeRequest(noticeEnv, notice, now, "nonce-2");
    const params = Object.fromEntries(new URL(request.url).searchParams);
    expect(params).toMatchObject({
      PhoneNumbers: "13800000001",
      TemplateCode: "SMS_777001",
      TemplateParam: JSON.stringify(notice.params),
    });
    const { Signature, ...signed } = params;
    expect(Signature).toBe(aliyunSignature(signed, "testSecret"));
  });

  it("go to Tencent Cloud as the category's template with the parameters in order", () => {
    const request = tencentSendNoticeRequest(noticeEnv, notice, now);
    expect(JSON.parse(request.body!)).toMatchObject({
      TemplateId: "SMS_777001",
      TemplateParamSet: ["您的提现 ¥1,200.00 已到账", "https://xk.example.cn/wallet"],
    });
  });

  it("are refused for a category without an approved template", () => {
    expect(() => aliyunSendNoticeRequest(env, notice, now)).toThrow(/no SMS template/);
    expect(() => tencentSendNoticeRequest(env, notice, now)).toThrow(/no SMS template/);
  });

  it("read as the signature, the text and the link when there is one", () => {
    expect(renderNotice(notice.params)).toBe(
      "【乡科】您的提现 ¥1,200.00 已到账 https://xk.example.cn/wallet",
    );
    expect(renderNotice({ text: "协议已生效", link: "" })).toBe("【乡科】协议已生效");
  });
});
