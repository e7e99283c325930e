import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ban, lift } from "~/modules/sanctions/sanctions.server";
import { deliverDue } from "~/modules/webhooks/delivery.server";
import { loader as apiLoader } from "~/routes/api/v1/api.v1.bans";
import { loader as pageLoader } from "~/routes/site/bans";
import { useTestDatabase } from "../support/database";
import { createBureau, createExpert, createVillage } from "../support/needs-factories";

useTestDatabase();

let made = 0;
const context = { cspNonce: "test", clientIp: "10.22.0.1" };

async function readPage(query = "") {
  return pageLoader({ request: new Request(`http://localhost/bans${query}`), params: {}, context });
}

async function readApi(query = "", clientIp = "10.22.0.2") {
  const response = await apiLoader({
    request: new Request(`http://localhost/api/v1/bans${query}`),
    params: {},
    context: { clientIp },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A cooperative with a credit code, banned by the bureau; and a banned expert with phone and e-mail. */
async function bannedPair() {
  made += 1;
  const creditCode = `93410324MA00000${String(made).padStart(3, "0")}`;
  const bureau = await createBureau();
  const { organisation } = await createVillage();
  await db.organisation.update({
    where: { id: organisation.id },
    data: { creditCode, name: `上河村香菇专业合作社${made}` },
  });
  const expert = await createExpert();
  await db.user.update({
    where: { id: expert.id },
    data: {
      displayName: "李四",
      email: `lisi${made}@example.cn`,
      phone: `+86138000022${String(made).padStart(2, "0")}`,
    },
  });
  const orgBan = await ban(bureau, { organisationId: organisation.id, reason: "挪用专项资金" });
  const personBan = await ban(bureau, { userId: expert.id, reason: "伪造验收材料" });
  return { bureau, organisation, expert, orgBan, personBan, creditCode };
}

describe("the published ban list", () => {
  it("shows a ban on the public page and the API without a login, and finds it by name or credit code", async () => {
    const { orgBan, personBan, creditCode } = await bannedPair();
    const page = await readPage();
    expect(page.items.map((item) => [item.banId, item.status])).toEqual(
      expect.arrayContaining([
        [orgBan.id, "ACTIVE"],
        [personBan.id, "ACTIVE"],
      ]),
    );
    const orgRow = page.items.find((item) => item.banId === orgBan.id)!;
    expect(orgRow).toMatchObject({
      subjectKind: "ORGANISATION",
      organisationName: `上河村香菇专业合作社${made}`,
      creditCode,
      reason: "挪用专项资金",
    });
    expect(orgRow.endsAt.getUTCFullYear() - orgRow.decidedAt.getUTCFullYear()).toBe(3);

    const byCode = await readApi(`?creditCode=${creditCode.toLowerCase()}`);
    expect(byCode.status).toBe(200);
    expect((byCode.body.data as { banId: string }[]).map((row) => row.banId)).toEqual([orgBan.id]);
    const byName = await readPage(`?q=${encodeURIComponent(`香菇专业合作社${made}`)}`);
    expect(byName.items.map((item) => item.banId)).toEqual([orgBan.id]);
    const nobody = await readApi(`?name=${encodeURIComponent("没有这个单位")}`);
    expect(nobody.body.data).toEqual([]);
  });

  it("marks a lifted ban, and leaves it out of the list of bans in force on a later day", async () => {
    const { bureau, orgBan, personBan } = await bannedPair();
    await lift(bureau, orgBan.id, "复核后撤销");
    const page = await readPage();
    expect(page.items.find((item) => item.banId === orgBan.id)).toMatchObject({ status: "LIFTED" });
    expect(page.items.find((item) => item.banId === orgBan.id)!.liftedAt).not.toBeNull();

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const inForce = await readApi(`?activeAt=${tomorrow}`);
    const ids = (inForce.body.data as { banId: string }[]).map((row) => row.banId);
    expect(ids).toContain(personBan.id);
    expect(ids).not.toContain(orgBan.id);
    const afterEnd = await readApi(`?activeAt=${Number(tomorrow.slice(0, 4)) + 4}-01-01`);
    expect(afterEnd.body.data).toEqual([]);
  });

  it("names a person but never their phone, e-mail or ID number", async () => {
    const { expert, personBan } = await bannedPair();
    const phone = (await db.user.findUniqueOrThrow({ where: { id: expert.id } })).phone!.slice(3);
    const api = await readApi();
    const row = (api.body.data as Record<string, unknown>[]).find((item) => item.banId === personBan.id);
    expect(row).toMatchObject({ subjectKind: "PERSON", personName: "李四", organisationName: null });
    const everything = JSON.stringify(api.body) + JSON.stringify(await readPage());
    for (const secret of [phone, `lisi${made}@example.cn`, expert.id])
      expect(everything).not.toContain(secret);
    expect(Object.keys(row!).sort()).toEqual(
      [
        "banId",
        "creditCode",
        "decidedAt",
        "endsAt",
        "liftedAt",
        "organisationName",
        "personName",
        "programmeTitle",
        "reason",
        "status",
        "subjectKind",
      ].sort(),
    );
  });

  it("refuses a malformed filter with a 400, not a 500", async () => {
    expect((await readApi("?activeAt=2026-13-45")).status).toBe(400);
    expect((await readApi("?creditCode=123")).status).toBe(400);
    expect((await readApi("?limit=1000")).status).toBe(400);
    const page = await readPage("?page=abc&q=" + "长".repeat(500));
    expect(page.page).toBe(1);
  });

  it("pages through the list with a cursor", async () => {
    await bannedPair();
    await bannedPair();
    const first = await readApi("?limit=3");
    expect((first.body.data as unknown[]).length).toBe(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await readApi(`?limit=3&cursor=${first.body.nextCursor as string}`);
    const seen = [...(first.body.data as { banId: string }[]), ...(second.body.data as { banId: string }[])];
    expect(new Set(seen.map((row) => row.banId)).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});

describe("ban webhooks", () => {
  it("delivers ban.published and ban.lifted once to every subscribed organisation, banned or not", async () => {
    const subscriber = await createVillage();
    const other = await createVillage();
    const endpoint = await db.webhookEndpoint.create({
      data: {
        organisationId: subscriber.organisation.id,
        url: "https://hooks.example.com/bans",
        events: ["ban.published", "ban.lifted"],
        secret: "whsec_test",
        createdById: subscriber.head.id,
      },
      select: { id: true },
    });
    await db.webhookEndpoint.create({
      data: {
        organisationId: other.organisation.id,
        url: "https://hooks.example.com/needs-only",
        events: ["need.published"],
        secret: "whsec_other",
        createdById: other.head.id,
      },
    });
    const bureau = await createBureau();
    const { id } = await ban(bureau, { organisationId: other.organisation.id, reason: "虚报项目" });
    await lift(bureau, id, "复核后撤销");

    const sent: { url: string; event: string; body: { data: Record<string, unknown> } }[] = [];
    const fetchStub = (async (url: string, init: RequestInit) => {
      sent.push({
        url,
        event: (init.headers as Record<string, string>)["XiangKe-Event"] ?? "",
        body: JSON.parse(String(init.body)) as { data: Record<string, unknown> },
      });
      return new Response("ok", { status: 200 });
    }) as unknown as typeof fetch;
    await deliverDue(new Date(), fetchStub);
    await deliverDue(new Date(), fetchStub);

    expect(sent.map((call) => [call.url, call.body.data.status])).toEqual([
      ["https://hooks.example.com/bans", "ACTIVE"],
      ["https://hooks.example.com/bans", "LIFTED"],
    ]);
    expect(sent[0]!.body.data).toMatchObject({ banId: id, reason: "虚报项目", subjectKind: "ORGANISATION" });
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      select: { event: true, status: true },
      orderBy: { createdAt: "asc" },
    });
    expect(deliveries).toEqual([
      { event: "ban.published", status: "DELIVERED" },
      { event: "ban.lifted", status: "DELIVERED" },
    ]);
  });
});
