import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as logAction, loader as logLoader } from "~/routes/profiles/orgs.$id_.webhooks_.$endpointId";
import { action as webhooksAction, loader as webhooksLoader } from "~/routes/profiles/orgs.$id_.webhooks";
import { useTestDatabase } from "../support/database";
import { addMember, createVillage } from "../support/needs-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.8.0.1" };

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.8.0.1" }));
}

const get = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { cookie } });
const post = (url: string, cookie: string, fields: [string, string][]) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie },
  });

type Reply = {
  data: { secret: string | null; reply: { error?: Record<string, string[] | null> } };
  init: { status: number } | null;
};

async function statusOf(promise: Promise<unknown>) {
  return promise.then(
    () => 200,
    (thrown: unknown) => (thrown instanceof Response ? thrown.status : -1),
  );
}

describe("/orgs/:id/webhooks", () => {
  it("registers an endpoint, shows its secret once, and keeps it out of the page afterwards", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const url = `/orgs/${organisation.id}/webhooks`;
    const params = { id: organisation.id };
    const result = (await webhooksAction({
      request: post(url, cookie, [
        ["intent", "register"],
        ["url", "https://hooks.example.com/in"],
        ["events", "need.published"],
        ["events", "milestone.funded"],
      ]),
      params,
      context,
    })) as unknown as Reply;
    expect(result.data.secret).toMatch(/^whsec_/);
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({
      where: { organisationId: organisation.id },
      select: { events: true, secret: true },
    });
    expect(endpoint).toEqual({ events: ["need.published", "milestone.funded"], secret: result.data.secret });

    const page = await webhooksLoader({ request: get(url, cookie), params, context });
    expect(page.endpoints).toHaveLength(1);
    expect(JSON.stringify(page)).not.toContain(result.data.secret!);
  });

  it("answers a form without events or with an http:// address with field errors", async () => {
    const { organisation, head } = await createVillage();
    const cookie = await cookieFor(head.id);
    const url = `/orgs/${organisation.id}/webhooks`;
    const missing = (await webhooksAction({
      request: post(url, cookie, [
        ["intent", "register"],
        ["url", "https://hooks.example.com/in"],
      ]),
      params: { id: organisation.id },
      context,
    })) as unknown as Reply;
    expect(missing.init?.status).toBe(400);
    expect(missing.data.reply.error?.events).toEqual(["webhooks.errors.events"]);
    const insecure = (await webhooksAction({
      request: post(url, cookie, [
        ["intent", "register"],
        ["url", "http://hooks.example.com/in"],
        ["events", "need.published"],
      ]),
      params: { id: organisation.id },
      context,
    })) as unknown as Reply;
    expect(insecure.init?.status).toBe(400);
    expect(insecure.data.reply.error?.url).toEqual(["地址必须使用 https://"]);
    expect(await db.webhookEndpoint.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("is closed to members who do not manage the organisation", async () => {
    const { organisation } = await createVillage();
    const farmer = await addMember(organisation.id, "FARMER");
    const cookie = await cookieFor(farmer.id);
    expect(
      await statusOf(
        webhooksLoader({
          request: get(`/orgs/${organisation.id}/webhooks`, cookie),
          params: { id: organisation.id },
          context,
        }),
      ),
    ).toBe(403);
  });

  it("replays a delivery from the log page, and refuses one from another organisation", async () => {
    const { organisation, head } = await createVillage();
    const other = await createVillage();
    const cookie = await cookieFor(head.id);
    const endpoint = await db.webhookEndpoint.create({
      data: {
        organisationId: organisation.id,
        url: "https://hooks.example.com/in",
        events: ["need.published"],
        secret: "whsec_x",
        createdById: head.id,
      },
      select: { id: true },
    });
    const delivery = await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        event: "need.published",
        payload: { needId: "n1" },
        status: "FAILED",
        attempts: 8,
      },
      select: { id: true },
    });
    const url = `/orgs/${organisation.id}/webhooks/${endpoint.id}`;
    const params = { id: organisation.id, endpointId: endpoint.id };

    const response = (await logAction({
      request: post(url, cookie, [
        ["intent", "replay"],
        ["deliveryId", delivery.id],
      ]),
      params,
      context,
    })) as Response;
    expect(response.status).toBe(302);
    const log = await logLoader({ request: get(url, cookie), params, context });
    expect(log.deliveries.map((d) => [d.status, d.replayOfId])).toEqual([
      ["PENDING", delivery.id],
      ["FAILED", null],
    ]);

    const outsider = await cookieFor(other.head.id);
    expect(
      await statusOf(
        logAction({
          request: post(url, outsider, [
            ["intent", "replay"],
            ["deliveryId", delivery.id],
          ]),
          params,
          context,
        }),
      ),
    ).toBe(403);
  });
});
