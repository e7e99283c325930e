import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { WEBHOOK_EVENTS } from "~/modules/webhooks/events";
import { useTestDatabase } from "../support/database";

useTestDatabase();

// The reference page as the server renders it, in the language the app chose for the visitor.
const page = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => page.data,
  useRouteLoaderData: () => ({ locale: (page.data as { locale: string }).locale }),
}));

const docs = await import("~/routes/api/v1/api.v1.docs");

async function render(acceptLanguage: string) {
  page.data = await docs.loader({
    request: new Request("http://localhost:3000/api/v1/docs", {
      headers: { "accept-language": acceptLanguage },
    }),
    context: { cspNonce: "test", clientIp: "10.21.2.1" },
    params: {},
  });
  return renderToString(createElement(docs.default));
}

describe("the API reference page", () => {
  it("renders in Chinese for a Chinese visitor and in English for an English one", async () => {
    const zh = await render("zh-CN,zh");
    expect(zh).toContain("乡科开放接口 v1");
    expect(zh).toContain("发布成果或服务");
    expect(zh).toContain("新增星创天地服务");
    expect(zh).toContain("Webhook 事件");
    expect(zh).not.toContain("Post an offer");

    const en = await render("en-GB,en");
    expect(en).toContain("XiangKe open API v1");
    expect(en).toContain("Post an offer");
    expect(en).toContain("Add a Star Innovation Space service");
    expect(en).not.toContain("发布成果或服务");
    // No message key is left untranslated on the page.
    expect(en).not.toMatch(/api\.(op|tag|doc|docs)\./);
    expect(zh).not.toMatch(/api\.(op|tag|doc|docs)\./);
  });

  it("lists every webhook event with its signature header", async () => {
    const html = await render("en");
    for (const event of WEBHOOK_EVENTS) expect(html).toContain(`id="webhook-${event}"`);
    expect(html).toContain("XiangKe-Signature");
    expect(html).toContain('id="postOffers"');
    expect(html).toContain('id="putServicesId"');
  });
});
