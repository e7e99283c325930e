import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ApplySchema } from "~/modules/applications/applications.schema";
import { applyToNeed } from "~/modules/applications/applications.server";
import { acceptMilestone, fundMilestone, submitMilestone } from "~/modules/escrow/escrow.server";
import { createNeed } from "~/modules/needs/needs.server";
import { decideApplication } from "~/modules/programmes/programmes.server";
import { deliverDue, MAX_ATTEMPTS, verifySignature } from "~/modules/webhooks/delivery.server";
import type { WebhookEvent } from "~/modules/webhooks/events";
import {
  enqueueEvent,
  registerEndpoint,
  replayDelivery,
  setEndpointActive,
} from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createActiveAgreement, createPayer, deposit, payerOwner } from "../support/escrow-factories";
import { addMember, createExpert, createVillage, meta, needFields } from "../support/needs-factories";
import { createApplication, createOpenProgramme, newKey } from "../support/programmes-factories";

useTestDatabase();

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// A real HTTP receiver: each path answers with the status set for it (200 unless told).
const received: Received[] = [];
const statusFor = new Map<string, number>();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = statusFor.get(path) ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

/** A verified cooperative with an endpoint at `path` on the local receiver. */
async function villageWithEndpoint(path: string, events: WebhookEvent[] = ["need.published"]) {
  const village = await createVillage();
  const endpoint = await registerEndpoint(
    village.head,
    village.organisation.id,
    { url: `${base}${path}`, events },
    meta,
  );
  return { ...village, endpoint };
}

async function publishNeed(village: Awaited<ReturnType<typeof createVillage>>) {
  return createNeed({
    actor: village.head,
    organisationId: village.organisation.id,
    fields: needFields(),
    photos: [],
    publish: true,
    meta,
  });
}

const deliveriesOf = (endpointId: string) =>
  db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastError: true,
      replayOfId: true,
      payload: true,
    },
  });

describe("delivering events", () => {
  it("sends a published need, signed so the receiver can verify it", async () => {
    const village = await villageWithEndpoint("/ok");
    expect(village.endpoint.secret).toMatch(/^whsec_[\w-]{43}$/);
    const need = await publishNeed(village);
    const [queued] = await deliveriesOf(village.endpoint.id);
    expect(queued).toMatchObject({
      event: "need.published",
      status: "PENDING",
      attempts: 0,
      payload: { needId: need.id, title: needFields().title, status: "OPEN" },
    });

    await deliverDue();
    const request = received.find((r) => r.path === "/ok" && r.headers["xiangke-delivery"] === queued!.id);
    expect(request).toBeDefined();
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["xiangke-event"]).toBe("need.published");
    const body = JSON.parse(request!.body) as {
      id: string;
      event: string;
      occurredAt: string;
      data: { needId: string };
    };
    expect(body).toMatchObject({ id: queued!.id, event: "need.published", data: { needId: need.id } });
    expect(Date.parse(body.occurredAt)).not.toBeNaN();

    const signature = request!.headers["xiangke-signature"] as string;
    expect(verifySignature(village.endpoint.secret, signature, request!.body)).toBe(true);
    expect(
      verifySignature(village.endpoint.secret, signature, request!.body.replace(need.id, "tampered")),
    ).toBe(false);
    expect(verifySignature("whsec_wrong", signature, request!.body)).toBe(false);
    expect(
      verifySignature(
        village.endpoint.secret,
        signature,
        request!.body,
        300,
        new Date(Date.now() + 10 * 60_000),
      ),
    ).toBe(false);
    expect((await deliveriesOf(village.endpoint.id))[0]).toMatchObject({
      status: "DELIVERED",
      attempts: 1,
      lastStatusCode: 200,
    });
  });

  it("retries a failing receiver with backoff, then delivers once it recovers", async () => {
    statusFor.set("/flaky", 500);
    const village = await villageWithEndpoint("/flaky");
    await publishNeed(village);
    const now = new Date();
    await deliverDue(now);
    const [failed] = await deliveriesOf(village.endpoint.id);
    expect(failed).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500",
    });
    expect(failed!.nextAttemptAt.getTime() - now.getTime()).toBe(30_000);

    // Not due yet: nothing is sent again.
    const before = received.filter((r) => r.path === "/flaky").length;
    await deliverDue(new Date(now.getTime() + 29_000));
    expect(received.filter((r) => r.path === "/flaky").length).toBe(before);

    statusFor.set("/flaky", 204);
    await deliverDue(new Date(now.getTime() + 31_000));
    expect((await deliveriesOf(village.endpoint.id))[0]).toMatchObject({
      status: "DELIVERED",
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
    });
  });

  it("gives up after eight failures, and a replay is delivered as a new delivery", async () => {
    statusFor.set("/down", 503);
    const village = await villageWithEndpoint("/down");
    await publishNeed(village);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDue(now);
      const [delivery] = await deliveriesOf(village.endpoint.id);
      expect(delivery!.attempts).toBe(attempt);
      now = new Date(delivery!.nextAttemptAt.getTime() + 1000);
    }
    const [failed] = await deliveriesOf(village.endpoint.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastStatusCode: 503 });

    statusFor.set("/down", 200);
    const replay = await replayDelivery(village.head, failed!.id, village.organisation.id, meta);
    await deliverDue();
    const all = await deliveriesOf(village.endpoint.id);
    expect(all).toHaveLength(2);
    expect(all.find((d) => d.id === replay.id)).toMatchObject({
      status: "DELIVERED",
      replayOfId: failed!.id,
      event: "need.published",
      payload: failed!.payload,
    });
    expect(await db.auditLog.count({ where: { action: "webhook.replayed", subjectId: replay.id } })).toBe(1);
  });

  it("sends an application received to the need's organisation", async () => {
    const village = await villageWithEndpoint("/ok", ["application.received"]);
    const need = await publishNeed(village);
    expect(await deliveriesOf(village.endpoint.id)).toHaveLength(0);
    const proposal = ApplySchema.parse({
      intent: "apply",
      approach: "先到现场取样检测杂菌种类，再调整灭菌温度和接种室的消毒流程。",
      timeline: "两周内到现场",
      arrangement: "TECH_CONTRACT",
      price: "12000",
    });
    const application = await applyToNeed({
      actor: await createExpert(),
      needId: need.id,
      application: proposal,
      meta,
    });
    const [delivery] = await deliveriesOf(village.endpoint.id);
    expect(delivery).toMatchObject({
      event: "application.received",
      payload: { applicationId: application.id, needId: need.id, priceFen: 1_200_000 },
    });
  });

  it("sends milestone funded and released to the paying organisation", async () => {
    const payer = await createPayer();
    const endpoint = await registerEndpoint(
      payer.head,
      payer.organisationId!,
      { url: `${base}/ok`, events: ["milestone.funded", "milestone.released"] },
      meta,
    );
    await deposit(payerOwner(payer), 50_000);
    const { agreement, milestones, payee } = await createActiveAgreement({ payer, amounts: [10_000] });
    const milestoneId = milestones[0]!.id;
    await fundMilestone(payer.head, milestoneId, newKey());
    await submitMilestone(payee, milestoneId, { note: "已完成现场指导", files: [] });
    await acceptMilestone(payer.head, milestoneId, newKey());
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => [d.event, d.payload])).toEqual([
      [
        "milestone.funded",
        expect.objectContaining({
          milestoneId,
          agreementId: agreement.id,
          amountFen: 10_000,
          status: "FUNDED",
        }),
      ],
      [
        "milestone.released",
        expect.objectContaining({
          milestoneId,
          agreementId: agreement.id,
          amountFen: 10_000,
          status: "RELEASED",
        }),
      ],
    ]);
  });

  it("sends a programme decision to the applicant organisation", async () => {
    const { programme, bureau } = await createOpenProgramme();
    const { application, organisation, head } = await createApplication(programme.id);
    const endpoint = await registerEndpoint(
      head,
      organisation.id,
      { url: `${base}/ok`, events: ["programme.decided"] },
      meta,
    );
    await decideApplication(bureau, application.id, { approve: false, note: "预算已用完" });
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      event: "programme.decided",
      payload: {
        applicationId: application.id,
        programmeId: programme.id,
        status: "REJECTED",
        approvedFen: null,
      },
    });
  });
});

describe("what creates a delivery", () => {
  it("creates nothing for an event the endpoint did not subscribe to, or when it is disabled", async () => {
    const village = await villageWithEndpoint("/ok", ["milestone.funded"]);
    await publishNeed(village);
    expect(await deliveriesOf(village.endpoint.id)).toHaveLength(0);
    const disabled = await villageWithEndpoint("/ok");
    await setEndpointActive(disabled.head, disabled.endpoint.id, false, disabled.organisation.id, meta);
    await publishNeed(disabled);
    expect(await deliveriesOf(disabled.endpoint.id)).toHaveLength(0);
  });

  it("creates nothing when the change is rolled back", async () => {
    const village = await villageWithEndpoint("/ok");
    const unverified = await createVillage({ verified: false });
    await registerEndpoint(
      unverified.head,
      unverified.organisation.id,
      { url: `${base}/ok`, events: ["need.published"] },
      meta,
    );
    const { published } = await publishNeed(unverified);
    expect(published).toBe(false);
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEvent(tx, {
          organisationIds: [village.organisation.id],
          event: "need.published",
          payload: { needId: "n1", title: "t", status: "OPEN", occurredAt: new Date().toISOString() },
        });
        throw new Error("publish failed");
      }),
    ).rejects.toThrow("publish failed");
    expect(
      await db.webhookDelivery.count({
        where: {
          endpoint: { organisationId: { in: [village.organisation.id, unverified.organisation.id] } },
        },
      }),
    ).toBe(0);
  });
});

describe("registering endpoints", () => {
  it("lets only the organisation's managing members register", async () => {
    const village = await createVillage();
    const farmer = await addMember(village.organisation.id, "FARMER");
    const outsider = await createVillage();
    const input = { url: "https://hooks.example.com/xiangke", events: ["need.published" as const] };
    await rejects(registerEndpoint(farmer, village.organisation.id, input, meta), "webhooks.forbidden");
    await rejects(
      registerEndpoint(outsider.head, village.organisation.id, input, meta),
      "webhooks.forbidden",
    );
    const { id } = await registerEndpoint(village.head, village.organisation.id, input, meta);
    expect(await db.auditLog.count({ where: { action: "webhook.registered", subjectId: id } })).toBe(1);
  });

  it("refuses plain http:// to a host that is not local", async () => {
    const village = await createVillage();
    await rejects(
      registerEndpoint(
        village.head,
        village.organisation.id,
        { url: "http://hooks.example.com/x", events: ["need.published"] },
        meta,
      ),
      "webhooks.insecure_url",
    );
    expect(await db.webhookEndpoint.count({ where: { organisationId: village.organisation.id } })).toBe(0);
  });
});
