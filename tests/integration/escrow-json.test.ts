import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { balanceOf, checkLedgerInvariants, escrowId } from "~/modules/ledger/ledger.server";
import { action as milestoneAction } from "~/routes/agreements/agreements.$id.milestones.$milestoneId";
import { useTestDatabase } from "../support/database";
import { createSignedAgreement } from "../support/agreements-factories";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };

async function call(agreementId: string, milestoneId: string, userId: string, body: unknown, key?: string) {
  const headers: Record<string, string> = {
    cookie: await sessionCookieFor(userId),
    "content-type": "application/json",
  };
  if (key) headers["idempotency-key"] = key;
  const response = (await milestoneAction({
    request: new Request(`http://localhost/agreements/${agreementId}/milestones/${milestoneId}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers,
    }),
    context,
    params: { id: agreementId, milestoneId },
  })) as unknown as {
    data: { ok: boolean; error?: string; result?: unknown };
    init: { status: number } | null;
  };
  return { status: response.init?.status ?? 200, body: response.data };
}

describe("milestone actions as JSON with an Idempotency-Key header", () => {
  it("funds once however often the request is replayed, and refuses the key for another request", async () => {
    const { agreement, payer, milestones, payerWallet } = await createSignedAgreement({
      milestones: [30_000, 20_000],
      depositFen: 60_000,
    });
    const [first, second] = milestones;
    const key = randomUUID();
    const funded = await call(agreement.id, first!.id, payer.id, { intent: "fund" }, key);
    expect(funded).toMatchObject({ status: 200, body: { ok: true, intent: "fund" } });
    const replayed = await call(agreement.id, first!.id, payer.id, { intent: "fund" }, key);
    expect(replayed.body).toEqual(funded.body);
    expect(await balanceOf(escrowId(first!.id))).toBe(30_000);
    expect(await balanceOf(payerWallet)).toBe(30_000);

    const reused = await call(agreement.id, second!.id, payer.id, { intent: "fund" }, key);
    expect(reused).toMatchObject({ status: 409, body: { ok: false, error: "idempotency.key_reused" } });
    expect(await balanceOf(escrowId(second!.id))).toBe(0);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  });

  it("answers a missing key, a bad body and a refusal with JSON and moves nothing", async () => {
    const { agreement, payer, payee, milestones, payerWallet } = await createSignedAgreement({
      milestones: [30_000],
      depositFen: 10_000,
    });
    const milestone = milestones[0]!;
    expect((await call(agreement.id, milestone.id, payer.id, { intent: "fund" })).status).toBe(400);
    expect(await call(agreement.id, milestone.id, payer.id, "not an object", randomUUID())).toMatchObject({
      status: 400,
      body: { ok: false, error: "invalid_json" },
    });
    expect(await call(agreement.id, milestone.id, payer.id, { intent: "fund" }, randomUUID())).toMatchObject({
      status: 409,
      body: { ok: false },
    });
    expect((await call(agreement.id, milestone.id, payee.id, { intent: "fund" }, randomUUID())).body.ok).toBe(
      false,
    );
    expect(await balanceOf(payerWallet)).toBe(10_000);
  });
});
