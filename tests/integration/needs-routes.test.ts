import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as newNeedAction } from "~/routes/needs/needs.new";
import { useTestDatabase } from "../support/database";
import { createExpert, createVillage } from "../support/needs-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-need-routes-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.4.0.1" };

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.4.0.1" }));
}

function multipart(fields: Record<string, string | string[]>, files: File[] = []) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) form.append(name, item);
  for (const file of files) form.append("photos", file);
  return form;
}

const valid = {
  intent: "publish",
  title: "核桃青皮脱皮机选型",
  description: "今年核桃产量约二十吨，人工脱青皮太慢，想了解适合小型合作社的脱皮清洗设备。",
  industry: "AGRI_PROCESSING",
  countyCode: "410328",
  budgetMax: "15000",
  arrangements: ["PAID_SERVICE"],
  urgency: "NORMAL",
  kind: "TECHNICAL",
};

type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

describe("the post-a-need action", () => {
  it("publishes a need with its photo and redirects to it", async () => {
    const { organisation, head } = await createVillage();
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#6b8e23" } })
      .jpeg()
      .toBuffer();
    const body = multipart({ ...valid, organisationId: organisation.id }, [
      new File([new Uint8Array(jpeg)], "walnut.jpg", { type: "image/jpeg" }),
    ]);
    const response = (await newNeedAction({
      request: new Request("http://localhost/needs/new", {
        method: "POST",
        body,
        headers: { cookie: await cookieFor(head.id) },
      }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const id = response.headers.get("location")!.split("/").pop()!;
    const need = await db.need.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        budgetMaxFen: true,
        photos: { select: { upload: { select: { width: true } } } },
      },
    });
    expect(need).toEqual({ status: "OPEN", budgetMaxFen: 1_500_000, photos: [{ upload: { width: 1200 } }] });
  });

  it("answers 400 with field errors and keeps what was typed", async () => {
    const { organisation, head } = await createVillage();
    const body = multipart({
      ...valid,
      organisationId: organisation.id,
      budgetMin: "20000",
      budgetMax: "1234.567",
      arrangements: [],
      title: "核",
    });
    const result = (await newNeedAction({
      request: new Request("http://localhost/needs/new", {
        method: "POST",
        body,
        headers: { cookie: await cookieFor(head.id) },
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      title: ["needs.errors.title_length"],
      budgetMax: ["needs.errors.money"],
      arrangements: ["needs.errors.arrangements"],
    });
    expect(result.data.initialValue).toMatchObject({ description: valid.description, budgetMin: "20000" });
  });

  it("refuses a file that is not a photo on the photos field, posting nothing", async () => {
    const { organisation, head } = await createVillage();
    const before = await db.need.count();
    const body = multipart({ ...valid, organisationId: organisation.id }, [
      new File([new TextEncoder().encode("%PDF-1.7")], "scan.jpg", { type: "image/jpeg" }),
    ]);
    const result = (await newNeedAction({
      request: new Request("http://localhost/needs/new", {
        method: "POST",
        body,
        headers: { cookie: await cookieFor(head.id) },
      }),
      context,
      params: {},
    })) as unknown as Reply;
    expect(result.init.status).toBe(415);
    expect(result.data.error?.photos?.[0]).toContain("JPG");
    expect(await db.need.count()).toBe(before);
  });

  it("answers 403 to an expert", async () => {
    const expert = await createExpert();
    const attempt = newNeedAction({
      request: new Request("http://localhost/needs/new", {
        method: "POST",
        body: multipart(valid),
        headers: { cookie: await cookieFor(expert.id) },
      }),
      context,
      params: {},
    });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
  });
});
