import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "~/modules/api/rate-limit.server";
import { checkLedgerInvariants, STATEMENT_PAGE, walletId } from "~/modules/ledger/ledger.server";
import { onConversationEvent, type ConversationEvent } from "~/modules/realtime/bus.server";
import * as agreements from "~/routes/api/v1/api.v1.agreements";
import * as agreementRoute from "~/routes/api/v1/api.v1.agreements.$id";
import * as conversations from "~/routes/api/v1/api.v1.conversations";
import * as messages from "~/routes/api/v1/api.v1.conversations.$id.messages";
import * as fund from "~/routes/api/v1/api.v1.milestones.$id.fund";
import * as submit from "~/routes/api/v1/api.v1.milestones.$id.submit";
import * as accept from "~/routes/api/v1/api.v1.milestones.$id.accept";
import * as reject from "~/routes/api/v1/api.v1.milestones.$id.reject";
import * as dispute from "~/routes/api/v1/api.v1.milestones.$id.dispute";
import * as resolve from "~/routes/api/v1/api.v1.milestones.$id.resolve";
import * as disputes from "~/routes/api/v1/api.v1.disputes";
import * as wallets from "~/routes/api/v1/api.v1.wallets";
import * as statement from "~/routes/api/v1/api.v1.wallets.$accountId.statement";
import * as openApi from "~/routes/api/v1/api.v1.openapi[.]json";
import { apiRequest, expectDocumented, tokenFor } from "../support/api-factories";
import { createSignedAgreement } from "../support/agreements-factories";
import { createApplicationChat } from "../support/chat-factories";
import { deposit } from "../support/escrow-factories";
import { useTestDatabase } from "../support/database";
import { createBureau, createVillage } from "../support/needs-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.8.1.1" };
type Route = { loader?: (args: never) => Promise<Response>; action?: (args: never) => Promise<Response> };

function call(route: Route, request: Request, params: Record<string, string> = {}) {
  const handler = request.method === "GET" ? route.loader! : route.action!;
  return handler({ request, params, context } as never);
}

/** POSTs a milestone action with a token and (unless null) an Idempotency-Key. */
function milestoneCall(
  route: Route,
  action: string,
  id: string,
  token: string,
  key: string | null,
  body?: unknown,
) {
  const headers: Record<string, string> = key ? { "idempotency-key": key } : {};
  return call(
    route,
    apiRequest(`/api/v1/milestones/${id}/${action}`, { token, method: "POST", body, headers }),
    { id },
  );
}

const MONEY = ["agreements:read", "money:write", "statements:read"] as const;

beforeEach(() => resetRateLimits());

describe("agreements, milestones and wallets over /api/v1", () => {
  it("runs fund → submit → accept and shows the money in the expert's statement", async () => {
    const { agreement, payer, payee, milestones } = await createSignedAgreement({
      milestones: [30_000, 20_000],
    });
    const [first] = milestones;
    const payerToken = await tokenFor(payer, [...MONEY]);
    const payeeToken = await tokenFor(payee, [...MONEY]);

    const list = await expectDocumented(
      await call(agreements, apiRequest("/api/v1/agreements", { token: payerToken })),
      "GET",
      "/api/v1/agreements",
    );
    expect(list.data).toMatchObject([
      { id: agreement.id, status: "ACTIVE", party: "PAYER", terms: { milestoneTotalFen: 50_000 } },
    ]);
    const detail = await expectDocumented(
      await call(agreementRoute, apiRequest(`/api/v1/agreements/${agreement.id}`, { token: payeeToken }), {
        id: agreement.id,
      }),
      "GET",
      "/api/v1/agreements/{id}",
    );
    expect(detail).toMatchObject({
      party: "PAYEE",
      milestones: [{ id: first!.id, status: "PLANNED", can: { submit: false } }, { amountFen: 20_000 }],
    });

    const fundKey = randomUUID();
    const funded = await expectDocumented(
      await milestoneCall(fund, "fund", first!.id, payerToken, fundKey),
      "POST",
      "/api/v1/milestones/{id}/fund",
    );
    expect(funded).toMatchObject({ milestoneId: first!.id, status: "FUNDED", amountFen: 30_000 });
    // A replay returns the first result and moves nothing.
    expect(await (await milestoneCall(fund, "fund", first!.id, payerToken, fundKey)).json()).toEqual(funded);
    // The same key for another milestone is refused by the escrow service's own key store.
    const reused = await milestoneCall(fund, "fund", milestones[1]!.id, payerToken, fundKey);
    expect(reused.status).toBe(409);
    expect(await expectDocumented(reused, "POST", "/api/v1/milestones/{id}/fund")).toMatchObject({
      code: "idempotency.key_reused",
    });

    const submitKey = randomUUID();
    const submitted = await expectDocumented(
      await milestoneCall(submit, "submit", first!.id, payeeToken, submitKey, {
        note: "消毒流程已完成，污染率降到百分之三",
      }),
      "POST",
      "/api/v1/milestones/{id}/submit",
    );
    expect(submitted).toMatchObject({ milestoneId: first!.id, status: "SUBMITTED" });
    expect(
      await (
        await milestoneCall(submit, "submit", first!.id, payeeToken, submitKey, {
          note: "消毒流程已完成，污染率降到百分之三",
        })
      ).json(),
    ).toEqual(submitted);
    const otherBody = await milestoneCall(submit, "submit", first!.id, payeeToken, submitKey, {
      note: "另一份说明",
    });
    expect(otherBody.status).toBe(409);
    expect(await expectDocumented(otherBody, "POST", "/api/v1/milestones/{id}/submit")).toMatchObject({
      code: "idempotency.key_reused",
    });

    const accepted = await expectDocumented(
      await milestoneCall(accept, "accept", first!.id, payerToken, randomUUID()),
      "POST",
      "/api/v1/milestones/{id}/accept",
    );
    expect(accepted).toMatchObject({ status: "RELEASED", amountFen: 30_000, agreementStatus: "ACTIVE" });
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });

    const mine = await expectDocumented(
      await call(wallets, apiRequest("/api/v1/wallets", { token: payeeToken })),
      "GET",
      "/api/v1/wallets",
    );
    const account = walletId({ userId: payee.id });
    expect(mine.data).toEqual([
      { accountId: account, organisationName: null, balanceFen: 30_000, owedFen: 0 },
    ]);
    const path = `/api/v1/wallets/${encodeURIComponent(account)}/statement`;
    const lines = await expectDocumented(
      await call(statement, apiRequest(`${path}?reason=MILESTONE_RELEASE`, { token: payeeToken }), {
        accountId: account,
      }),
      "GET",
      "/api/v1/wallets/{accountId}/statement",
    );
    expect(lines).toMatchObject({
      account: { id: account, balanceFen: 30_000 },
      total: 1,
      nextCursor: null,
      data: [{ reason: "MILESTONE_RELEASE", amountFen: 30_000, milestoneId: first!.id }],
    });
    const none = await expectDocumented(
      await call(statement, apiRequest(`${path}?reason=DEPOSIT`, { token: payeeToken }), {
        accountId: account,
      }),
      "GET",
      "/api/v1/wallets/{accountId}/statement",
    );
    expect(none).toMatchObject({ total: 0, data: [] });
  });

  it("rejects and disputes with a reason, and refuses what the rules refuse", async () => {
    const { agreement, payer, payee, milestones } = await createSignedAgreement({ milestones: [30_000] });
    const id = milestones[0]!.id;
    const payerToken = await tokenFor(payer, [...MONEY]);
    const payeeToken = await tokenFor(payee, [...MONEY]);

    // No key: 400, and nothing happened.
    const keyless = await milestoneCall(fund, "fund", id, payerToken, null);
    expect(keyless.status).toBe(400);
    expect(await expectDocumented(keyless, "POST", "/api/v1/milestones/{id}/fund")).toMatchObject({
      code: "idempotency.key_invalid",
    });
    const keylessReject = await milestoneCall(reject, "reject", id, payerToken, null, {
      reason: "没有交付材料",
    });
    expect(keylessReject.status).toBe(400);

    // The expert cannot fund: the service's own refusal comes through.
    const wrongSide = await milestoneCall(fund, "fund", id, payeeToken, randomUUID());
    expect(wrongSide.status).toBe(403);
    expect(await expectDocumented(wrongSide, "POST", "/api/v1/milestones/{id}/fund")).toMatchObject({
      code: "escrow.wrong_side",
    });

    // A token without money:write is refused before anything runs.
    const readOnly = await tokenFor(payer, ["agreements:read"]);
    const noScope = await milestoneCall(fund, "fund", id, readOnly, randomUUID());
    expect(noScope.status).toBe(403);
    expect(await expectDocumented(noScope, "POST", "/api/v1/milestones/{id}/fund")).toMatchObject({
      code: "api.scope_missing",
    });

    // Someone outside the agreement sees neither it nor its milestones.
    const { head: outsider } = await createVillage();
    const outsiderToken = await tokenFor(outsider, [...MONEY]);
    const hidden = await call(
      agreementRoute,
      apiRequest(`/api/v1/agreements/${agreement.id}`, { token: outsiderToken }),
      { id: agreement.id },
    );
    expect(hidden.status).toBe(404);
    await expectDocumented(hidden, "GET", "/api/v1/agreements/{id}");
    const hiddenFund = await milestoneCall(fund, "fund", id, outsiderToken, randomUUID());
    expect(hiddenFund.status).toBe(404);
    expect(
      await expectDocumented(
        await call(agreements, apiRequest("/api/v1/agreements", { token: outsiderToken })),
        "GET",
        "/api/v1/agreements",
      ),
    ).toEqual({ data: [], nextCursor: null });

    await milestoneCall(fund, "fund", id, payerToken, randomUUID());
    await milestoneCall(submit, "submit", id, payeeToken, randomUUID(), { note: "现场指导已完成" });
    const tooShort = await milestoneCall(reject, "reject", id, payerToken, randomUUID(), { reason: "" });
    expect(tooShort.status).toBe(400);
    expect(await expectDocumented(tooShort, "POST", "/api/v1/milestones/{id}/reject")).toMatchObject({
      errors: [{ pointer: "/reason" }],
    });
    const rejected = await expectDocumented(
      await milestoneCall(reject, "reject", id, payerToken, randomUUID(), { reason: "缺少检测报告" }),
      "POST",
      "/api/v1/milestones/{id}/reject",
    );
    expect(rejected).toEqual({ milestoneId: id, status: "REJECTED" });
    const disputed = await expectDocumented(
      await milestoneCall(dispute, "dispute", id, payeeToken, randomUUID(), {
        reason: "检测报告已在现场交付",
      }),
      "POST",
      "/api/v1/milestones/{id}/dispute",
    );
    expect(disputed).toEqual({ milestoneId: id, status: "DISPUTED" });
    const again = await milestoneCall(dispute, "dispute", id, payeeToken, randomUUID(), {
      reason: "再次申请",
    });
    expect(again.status).toBe(409);
    await expectDocumented(again, "POST", "/api/v1/milestones/{id}/dispute");

    const detail = await expectDocumented(
      await call(agreementRoute, apiRequest(`/api/v1/agreements/${agreement.id}`, { token: payerToken }), {
        id: agreement.id,
      }),
      "GET",
      "/api/v1/agreements/{id}",
    );
    expect(detail).toMatchObject({
      status: "DISPUTED",
      milestones: [{ status: "DISPUTED", escrowFen: 30_000, disputeReason: "检测报告已在现场交付" }],
    });

    // The bureau lists the dispute and rules: 120 yuan to the expert, the rest back to the payer.
    const bureau = await createBureau();
    const bureauToken = await tokenFor(bureau, [...MONEY, "agreements:read"]);
    const listed = await expectDocumented(
      await call(disputes, apiRequest("/api/v1/disputes", { token: bureauToken })),
      "GET",
      "/api/v1/disputes",
    );
    expect(listed).toMatchObject({
      data: [
        { id, escrowFen: 30_000, disputeReason: "检测报告已在现场交付", agreement: { id: agreement.id } },
      ],
      nextCursor: null,
    });
    const notBureau = await call(
      disputes,
      apiRequest("/api/v1/disputes", { token: await tokenFor(payer, ["agreements:read"]) }),
    );
    expect(notBureau.status).toBe(403);
    const byPayer = await milestoneCall(resolve, "resolve", id, payerToken, randomUUID(), {
      payeeFen: 12_000,
      note: "双方各担一部分",
    });
    expect(byPayer.status).toBe(403);
    await expectDocumented(byPayer, "POST", "/api/v1/milestones/{id}/resolve");
    const tooMuch = await milestoneCall(resolve, "resolve", id, bureauToken, randomUUID(), {
      payeeFen: 30_100,
      note: "超出托管金额",
    });
    expect(tooMuch.status).toBe(400);
    expect(await expectDocumented(tooMuch, "POST", "/api/v1/milestones/{id}/resolve")).toMatchObject({
      code: "escrow.split_out_of_range",
    });
    const key = randomUUID();
    const ruled = await expectDocumented(
      await milestoneCall(resolve, "resolve", id, bureauToken, key, {
        payeeFen: 12_000,
        note: "检测报告迟交，按比例支付",
      }),
      "POST",
      "/api/v1/milestones/{id}/resolve",
    );
    expect(ruled).toEqual({
      milestoneId: id,
      status: "RESOLVED",
      payeeFen: 12_000,
      refundFen: 18_000,
      agreementStatus: "COMPLETED",
    });
    const replay = await expectDocumented(
      await milestoneCall(resolve, "resolve", id, bureauToken, key, {
        payeeFen: 12_000,
        note: "检测报告迟交，按比例支付",
      }),
      "POST",
      "/api/v1/milestones/{id}/resolve",
    );
    expect(replay).toEqual(ruled);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
  });

  it("documents the Idempotency-Key header as required on every money operation", async () => {
    const document = (await openApi.loader().json()) as {
      paths: Record<string, { post: { parameters: { name: string; in: string; required: boolean }[] } }>;
    };
    for (const action of ["fund", "submit", "accept", "reject", "dispute", "resolve"]) {
      const header = document.paths[`/api/v1/milestones/{id}/${action}`]!.post.parameters.find(
        (parameter) => parameter.in === "header",
      );
      expect(header, action).toMatchObject({ name: "Idempotency-Key", required: true });
    }
  });

  it("pages a statement with the cursor", async () => {
    const { payee } = await createSignedAgreement({ milestones: [10_000] });
    const account = await deposit({ userId: payee.id }, 100);
    for (let i = 1; i <= STATEMENT_PAGE; i++) await deposit({ userId: payee.id }, 100 + i);
    const token = await tokenFor(payee, ["statements:read"]);
    const path = `/api/v1/wallets/${encodeURIComponent(account)}/statement`;
    const first = await expectDocumented(
      await call(statement, apiRequest(path, { token }), { accountId: account }),
      "GET",
      "/api/v1/wallets/{accountId}/statement",
    );
    expect(first).toMatchObject({ total: STATEMENT_PAGE + 1 });
    expect((first.data as unknown[]).length).toBe(STATEMENT_PAGE);
    const second = await expectDocumented(
      await call(statement, apiRequest(`${path}?cursor=${first.nextCursor as string}`, { token }), {
        accountId: account,
      }),
      "GET",
      "/api/v1/wallets/{accountId}/statement",
    );
    expect(second).toMatchObject({ nextCursor: null, data: [{ amountFen: 100, balanceFen: 100 }] });
    const bad = await call(statement, apiRequest(`${path}?cursor=nonsense`, { token }), {
      accountId: account,
    });
    expect(bad.status).toBe(400);
    await expectDocumented(bad, "GET", "/api/v1/wallets/{accountId}/statement");
  });

  it("refuses another person's wallet statement", async () => {
    const { payer, payee } = await createSignedAgreement({ milestones: [10_000] });
    const token = await tokenFor(payee, ["statements:read"]);
    const account = walletId({ userId: payer.id });
    const refused = await call(
      statement,
      apiRequest(`/api/v1/wallets/${encodeURIComponent(account)}/statement`, { token }),
      { accountId: account },
    );
    expect(refused.status).toBe(403);
    await expectDocumented(refused, "GET", "/api/v1/wallets/{accountId}/statement");
  });
});

describe("conversations over /api/v1", () => {
  it("sends once per clientId, lists conversations with unread counts and pages messages by sequence", async () => {
    const { head, expert, conversation } = await createApplicationChat();
    const expertToken = await tokenFor(expert, ["messages:read", "messages:write"]);
    const headToken = await tokenFor(head, ["messages:read"]);
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    const clientId = randomUUID();
    const published: ConversationEvent[] = [];
    const stopListening = onConversationEvent((event) => published.push(event));

    const sent = await expectDocumented(
      await call(
        messages,
        apiRequest(path, {
          token: expertToken,
          method: "POST",
          body: { clientId, body: "您好，我下周可以到现场" },
        }),
        { id: conversation.id },
      ),
      "POST",
      "/api/v1/conversations/{id}/messages",
    );
    expect(sent).toMatchObject({
      created: true,
      message: { seq: 1, clientId, body: "您好，我下周可以到现场" },
    });
    const resent = await expectDocumented(
      await call(
        messages,
        apiRequest(path, {
          token: expertToken,
          method: "POST",
          body: { clientId, body: "您好，我下周可以到现场" },
        }),
        { id: conversation.id },
      ),
      "POST",
      "/api/v1/conversations/{id}/messages",
    );
    expect(resent).toMatchObject({ created: false, message: { id: (sent.message as { id: string }).id } });
    // Delivered to the conversation's sockets once, not again for the resend.
    stopListening();
    expect(published.map((event) => [event.conversationId, event.event])).toEqual([
      [conversation.id, "chat:message"],
    ]);
    await call(
      messages,
      apiRequest(path, {
        token: expertToken,
        method: "POST",
        body: { clientId: randomUUID(), body: "请准备好菌棒样品" },
      }),
      { id: conversation.id },
    );
    const empty = await call(
      messages,
      apiRequest(path, { token: expertToken, method: "POST", body: { clientId: randomUUID(), body: "   " } }),
      { id: conversation.id },
    );
    expect(empty.status).toBe(400);
    await expectDocumented(empty, "POST", "/api/v1/conversations/{id}/messages");

    const list = await expectDocumented(
      await call(conversations, apiRequest("/api/v1/conversations", { token: headToken })),
      "GET",
      "/api/v1/conversations",
    );
    expect(list.data).toMatchObject([
      { id: conversation.id, kind: "APPLICATION", unread: 2, lastMessage: { body: "请准备好菌棒样品" } },
    ]);

    const pageOne = await expectDocumented(
      await call(messages, apiRequest(`${path}?limit=1`, { token: headToken }), { id: conversation.id }),
      "GET",
      "/api/v1/conversations/{id}/messages",
    );
    expect((pageOne.data as { seq: number }[]).map((m) => m.seq)).toEqual([1]);
    const pageTwo = await expectDocumented(
      await call(
        messages,
        apiRequest(`${path}?limit=1&cursor=${pageOne.nextCursor as string}`, { token: headToken }),
        { id: conversation.id },
      ),
      "GET",
      "/api/v1/conversations/{id}/messages",
    );
    expect(pageTwo).toMatchObject({ data: [{ seq: 2 }], nextCursor: null });
    const after = await expectDocumented(
      await call(messages, apiRequest(`${path}?after=1`, { token: headToken }), { id: conversation.id }),
      "GET",
      "/api/v1/conversations/{id}/messages",
    );
    expect((after.data as { body: string }[]).map((m) => m.body)).toEqual(["请准备好菌棒样品"]);

    // The head's token cannot write; an outsider cannot see the conversation.
    const readOnly = await call(
      messages,
      apiRequest(path, { token: headToken, method: "POST", body: { clientId: randomUUID(), body: "好的" } }),
      { id: conversation.id },
    );
    expect(readOnly.status).toBe(403);
    const { head: outsider } = await createVillage();
    const outsiderToken = await tokenFor(outsider, ["messages:read", "messages:write"]);
    const hidden = await call(messages, apiRequest(path, { token: outsiderToken }), { id: conversation.id });
    expect(hidden.status).toBe(404);
    await expectDocumented(hidden, "GET", "/api/v1/conversations/{id}/messages");
    const hiddenSend = await call(
      messages,
      apiRequest(path, {
        token: outsiderToken,
        method: "POST",
        body: { clientId: randomUUID(), body: "你好" },
      }),
      { id: conversation.id },
    );
    expect(hiddenSend.status).toBe(404);
  });
});
