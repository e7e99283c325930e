import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  confirmFinancingOutcome,
  decideFinancingOffer,
  financingNeedPage,
  listFinancingNeeds,
  makeFinancingOffer,
  recordFinancingOutcome,
  withdrawFinancingNeed,
} from "~/modules/financing/financing.server";
import { financingFigures } from "~/modules/financing/financing-figures.server";
import { leverageFigures } from "~/modules/reports/leverage.server";
import { reportFigures } from "~/modules/reports/reports-figures.server";
import { periodOf } from "~/modules/reports/reports.periods";
import { SnapshotSchema } from "~/modules/reports/reports.snapshot";
import { NeedActionSchema, PostNeedSchema } from "~/modules/financing/financing.schema";
import { loader as listLoader } from "~/routes/api/v1/api.v1.financing-needs";
import { action as offerAction } from "~/routes/api/v1/api.v1.financing-needs.$id.offers";
import { isPrivateUpload } from "~/modules/uploads/uploads.server";
import { action as needAction } from "~/routes/financing/financing.$id";
import { loader as evidenceLoader } from "~/routes/financing/financing.$id.evidence.$uploadId";
import { luoyangToday } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { apiRequest, expectDocumented, tokenFor } from "../support/api-factories";
import { useTestDatabase } from "../support/database";
import { createOrganisation, createUser } from "../support/factories";
import { createBank, createBorrower, loanOffer, postNeed } from "../support/financing-factories";
import { actorOf, addMember, createVillage, meta } from "../support/needs-factories";
import { jpegFile } from "../support/escrow-factories";
import { createInstitutionMember, sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

/** The code of the domain error a call is refused with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return "allowed";
}

const today = luoyangToday();

describe("posting a financing need", () => {
  it("lets village-role organisations, enterprises and star spaces post, and nobody else", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    expect(await db.financingNeed.count({ where: { id: need.id, status: "OPEN" } })).toBe(1);
    expect(await db.auditLog.count({ where: { subjectId: need.id, action: "financing.need.post" } })).toBe(1);

    const enterprise = await createOrganisation("ENTERPRISE");
    const boss = await addMember(enterprise.id, "INSTITUTION");
    expect(await refusal(postNeed(boss, enterprise.id))).toBe("allowed");

    const bank = await createBank();
    expect(await refusal(postNeed(bank.actor, bank.organisation.id))).toBe("financing.not_poster");
    const university = await createInstitutionMember();
    const professor = await actorOf(university.actor.id);
    expect(await refusal(postNeed(professor, university.organisation.id))).toBe("financing.not_poster");
    const farmer = await actorOf((await createUser({ role: "FARMER" })).id);
    // Naming someone else's cooperative does not make the farmer its member.
    expect(await refusal(postNeed(farmer, coop.organisation.id))).toBe("financing.not_poster");
  });

  it("links only the organisation's own approved project", async () => {
    const coop = await createBorrower();
    const other = await createBorrower();
    const project = await approvedProject(other.organisation.id, other.head.id);
    expect(
      await refusal(postNeed(coop.head, coop.organisation.id, { programmeApplicationId: project })),
    ).toBe("financing.project_invalid");
    expect(
      await refusal(postNeed(other.head, other.organisation.id, { programmeApplicationId: project })),
    ).toBe("allowed");
  });

  it("refuses bad form input with translated messages, never a crash", () => {
    const parsed = PostNeedSchema.safeParse({
      organisationId: "x",
      amount: "-5",
      use: "钱",
      termMonths: "0",
      collateralKind: "GOLD",
      countyCode: "999999",
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "financing.errors.use",
        "financing.errors.term",
        "financing.errors.collateral",
        "needs.errors.county",
      ]),
    );
    const rate = NeedActionSchema.safeParse({
      intent: "offer",
      product: "LOAN",
      amount: "100",
      rate: "4.355",
      termMonths: "12",
    });
    expect(rate.success).toBe(false);
    const ok = NeedActionSchema.safeParse({
      intent: "offer",
      product: "LOAN",
      amount: "100",
      rate: "4.35",
      termMonths: "12",
    });
    expect(ok.success && ok.data.intent === "offer" ? ok.data.rate : null).toBe(435);
  });
});

describe("offers, acceptance and the poster's contact", () => {
  it("lets only financial institutions offer, once per need, and tells the poster", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const bank = await createBank();
    const offer = await makeFinancingOffer(bank.actor, need.id, loanOffer, meta);
    expect(offer.status).toBe("OFFERED");
    expect(
      await db.notification.count({ where: { userId: coop.head.id, type: "financing.offer_received" } }),
    ).toBe(1);
    expect(await refusal(makeFinancingOffer(bank.actor, need.id, loanOffer, meta))).toBe(
      "financing.already_offered",
    );
    expect(await db.financingOffer.count({ where: { needId: need.id } })).toBe(1);

    const university = await createInstitutionMember();
    expect(
      await refusal(makeFinancingOffer(await actorOf(university.actor.id), need.id, loanOffer, meta)),
    ).toBe("financing.not_institution");
    expect(await refusal(makeFinancingOffer(coop.head, need.id, loanOffer, meta))).toBe(
      "financing.not_institution",
    );
  });

  it("lets only the poster accept; two accepts at once leave one accepted offer", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const [bankA, bankB] = [await createBank(), await createBank()];
    await db.webhookEndpoint.create({
      data: {
        organisationId: bankA.organisation.id,
        url: "https://hooks.example.com/a",
        secret: randomBytes(16).toString("hex"),
        createdById: bankA.actor.id,
        events: ["financing.offer.accepted"],
      },
    });
    await db.webhookEndpoint.create({
      data: {
        organisationId: bankB.organisation.id,
        url: "https://hooks.example.com/b",
        secret: randomBytes(16).toString("hex"),
        createdById: bankB.actor.id,
        events: ["financing.offer.accepted"],
      },
    });
    const offerA = await makeFinancingOffer(bankA.actor, need.id, loanOffer, meta);
    const offerB = await makeFinancingOffer(bankB.actor, need.id, { ...loanOffer, rateBp: 400 }, meta);

    const outsider = await createVillage();
    expect(await refusal(decideFinancingOffer(outsider.head, need.id, offerA.id, true, meta))).toBe(
      "financing.forbidden",
    );
    expect(await refusal(decideFinancingOffer(bankA.actor, need.id, offerA.id, true, meta))).toBe(
      "financing.forbidden",
    );

    const results = await Promise.allSettled([
      decideFinancingOffer(coop.head, need.id, offerA.id, true, meta),
      decideFinancingOffer(coop.head, need.id, offerB.id, true, meta),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(isDomainError(loser.reason) && loser.reason.code).toBe("financing.need_not_open");
    expect(await db.financingOffer.count({ where: { needId: need.id, status: "ACCEPTED" } })).toBe(1);
    expect(await db.financingOffer.count({ where: { needId: need.id, status: "DECLINED" } })).toBe(1);
    expect(await db.financingNeed.count({ where: { id: need.id, status: "ANSWERED" } })).toBe(1);

    const winner = await db.financingOffer.findFirstOrThrow({
      where: { needId: need.id, status: "ACCEPTED" },
    });
    const winningBank = winner.id === offerA.id ? bankA : bankB;
    expect(
      await db.notification.count({
        where: { userId: winningBank.actor.id, type: "financing.offer_accepted" },
      }),
    ).toBe(1);
    const deliveries = await db.webhookDelivery.findMany({
      where: { event: "financing.offer.accepted" },
      select: { payload: true, endpoint: { select: { organisationId: true } } },
    });
    expect(deliveries.filter((d) => (d.payload as { needId: string }).needId === need.id)).toHaveLength(1);
    expect(
      deliveries.find((d) => (d.payload as { needId: string }).needId === need.id)!.endpoint.organisationId,
    ).toBe(winningBank.organisation.id);

    // The database holds the rule by itself: a second ACCEPTED row for the need is refused.
    const other = winner.id === offerA.id ? offerB : offerA;
    await expect(
      db.$executeRaw`UPDATE "FinancingOffer" SET status = 'ACCEPTED' WHERE id = ${other.id}`,
    ).rejects.toThrow(/FinancingOffer_one_accepted/);
  });

  it("shows the poster's contact in full only to the accepted institution", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const [winner, loser] = [await createBank(), await createBank()];
    const offer = await makeFinancingOffer(winner.actor, need.id, loanOffer, meta);
    await makeFinancingOffer(loser.actor, need.id, loanOffer, meta);

    const before = await financingNeedPage(winner.actor, need.id);
    expect(before.contact.phone).not.toBe("13912345678");
    expect(before.contact.phone).toMatch(/\*/);
    // An institution sees its own offer only, not its competitors'.
    expect(before.need.offers).toHaveLength(1);

    await decideFinancingOffer(coop.head, need.id, offer.id, true, meta);
    expect((await financingNeedPage(winner.actor, need.id)).contact.phone).toBe("13912345678");
    expect((await financingNeedPage(loser.actor, need.id)).contact.phone).toMatch(/\*/);
    const poster = await financingNeedPage(coop.head, need.id);
    expect(poster.need.offers).toHaveLength(2);

    const county = await actorOf((await createUser({ role: "COUNTY", countyCode: "410324" })).id);
    const elsewhere = await actorOf((await createUser({ role: "COUNTY", countyCode: "410325" })).id);
    expect((await financingNeedPage(county, need.id)).contact.phone).toMatch(/\*/);
    expect(await refusal(financingNeedPage(elsewhere, need.id))).toBe("financing.not_found");
    const farmer = await actorOf((await createUser({ role: "FARMER" })).id);
    expect(await refusal(financingNeedPage(farmer, need.id))).toBe("financing.not_found");
    expect(await refusal(listFinancingNeeds(farmer, {}))).toBe("financing.forbidden");
  });

  it("lists open needs to institutions and a county's needs to its officer", async () => {
    const coop = await createBorrower();
    const open = await postNeed(coop.head, coop.organisation.id, { countyCode: "410324" });
    const elsewhere = await postNeed(coop.head, coop.organisation.id, { countyCode: "410325" });
    const withdrawn = await postNeed(coop.head, coop.organisation.id);
    await withdrawFinancingNeed(coop.head, withdrawn.id, meta);
    const bank = await createBank();
    const bankIds = (await listFinancingNeeds(bank.actor, {})).rows.map((row) => row.id);
    expect(bankIds).toEqual(expect.arrayContaining([open.id, elsewhere.id]));
    expect(bankIds).not.toContain(withdrawn.id);
    const county = await actorOf((await createUser({ role: "COUNTY", countyCode: "410325" })).id);
    const countyIds = (await listFinancingNeeds(county, {})).rows.map((row) => row.id);
    expect(countyIds).toContain(elsewhere.id);
    expect(countyIds).not.toContain(open.id);
    const mine = (await listFinancingNeeds(coop.head, { mine: true })).rows.map((row) => row.id);
    expect(mine).toEqual(expect.arrayContaining([open.id, elsewhere.id, withdrawn.id]));
  });
});

/** A need answered by a bank: the cooperative accepted its loan offer. */
async function answeredNeed(overrides: Parameters<typeof postNeed>[2] = {}) {
  const coop = await createBorrower();
  const need = await postNeed(coop.head, coop.organisation.id, overrides);
  const bank = await createBank();
  const offer = await makeFinancingOffer(bank.actor, need.id, loanOffer, meta);
  await decideFinancingOffer(coop.head, need.id, offer.id, true, meta);
  return { coop, need, bank, offer };
}

async function approvedProject(organisationId: string, applicantId: string) {
  const programme = await db.programme.create({
    data: {
      kind: "GRANT",
      year: 2026,
      title: "科技扶贫资助",
      description: "资助",
      budgetFen: 10_000_000,
      deadline: new Date("2030-01-01T00:00:00Z"),
      createdById: applicantId,
    },
    select: { id: true },
  });
  const application = await db.programmeApplication.create({
    data: {
      programmeId: programme.id,
      organisationId,
      applicantId,
      title: "香菇烘干项目",
      summary: "摘要",
      countyCode: "410324",
      industry: "PLANTING",
      requestedFen: 100_000,
      status: "APPROVED",
      decidedAt: new Date(),
    },
    select: { id: true },
  });
  return application.id;
}

describe("outcomes: recorded by the borrower, counted once the lender confirms", () => {
  it("lets only the borrower record and only the lender confirm", async () => {
    const { coop, need, bank } = await answeredNeed();
    const input = { kind: "LOAN" as const, amount: 25_000_000, dealDate: today };
    expect(await refusal(recordFinancingOutcome(bank.actor, need.id, input, meta))).toBe(
      "financing.forbidden",
    );
    await recordFinancingOutcome(coop.head, need.id, input, meta);
    expect(await refusal(recordFinancingOutcome(coop.head, need.id, input, meta))).toBe(
      "financing.outcome_exists",
    );
    expect(await refusal(confirmFinancingOutcome(coop.head, need.id, { confirm: true }, meta))).toBe(
      "financing.forbidden",
    );
    const otherBank = await createBank();
    expect(await refusal(confirmFinancingOutcome(otherBank.actor, need.id, { confirm: true }, meta))).toBe(
      "financing.forbidden",
    );
    // A rejected record may be recorded again, then confirmed.
    await confirmFinancingOutcome(bank.actor, need.id, { confirm: false, reason: "金额不对" }, meta);
    await recordFinancingOutcome(coop.head, need.id, { ...input, amount: 30_000_000 }, meta);
    await confirmFinancingOutcome(bank.actor, need.id, { confirm: true }, meta);
    const outcome = await db.financingOutcome.findUniqueOrThrow({ where: { needId: need.id } });
    expect(outcome).toMatchObject({
      status: "CONFIRMED",
      amountFen: 30_000_000,
      confirmedById: bank.actor.id,
    });
    expect(await db.financingNeed.count({ where: { id: need.id, status: "CLOSED" } })).toBe(1);
    expect(await refusal(confirmFinancingOutcome(bank.actor, need.id, { confirm: true }, meta))).toBe(
      "financing.outcome_not_recorded",
    );
  });

  it("refuses an outcome before an offer is accepted and a deal date after today", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const input = { kind: "LOAN" as const, amount: 1_000, dealDate: today };
    expect(await refusal(recordFinancingOutcome(coop.head, need.id, input, meta))).toBe(
      "financing.no_accepted_offer",
    );
    const answered = await answeredNeed();
    expect(
      await refusal(
        recordFinancingOutcome(
          answered.coop.head,
          answered.need.id,
          { ...input, dealDate: "2999-01-01" },
          meta,
        ),
      ),
    ).toBe("financing.date_future");
  });

  it("counts in the figures and in leverage only once confirmed: by project when linked, else by county", async () => {
    const window = {
      start: new Date(Date.parse(`${today}T00:00:00+08:00`)),
      end: new Date(Date.parse(`${today}T00:00:00+08:00`) + 86_400_000),
      countyCode: "410325",
    };
    const before = await financingFigures(window);
    const beforeLeverage = await leverageFigures({ scope: { kind: "county", countyCode: "410325" } });
    const { coop, need, bank } = await answeredNeed({ countyCode: "410325" });
    await recordFinancingOutcome(
      coop.head,
      need.id,
      { kind: "GUARANTEE", amount: 5_000_000, dealDate: today },
      meta,
    );
    expect((await financingFigures(window)).financingMobilisedFen).toBe(before.financingMobilisedFen);
    expect(
      (await leverageFigures({ scope: { kind: "county", countyCode: "410325" } })).total.matchedFen,
    ).toBe(beforeLeverage.total.matchedFen);
    await confirmFinancingOutcome(bank.actor, need.id, { confirm: true }, meta);
    const after = await financingFigures(window);
    expect(after.financingMobilisedFen - before.financingMobilisedFen).toBe(5_000_000);
    expect(after.financingGuaranteeFen - before.financingGuaranteeFen).toBe(5_000_000);
    expect(after.financingNeedsPosted - before.financingNeedsPosted).toBe(1);
    const leverage = await leverageFigures({ scope: { kind: "county", countyCode: "410325" } });
    expect(leverage.total.matchedFen - beforeLeverage.total.matchedFen).toBe(5_000_000);
    expect(leverage.byCounty.find((row) => row.countyCode === "410325")!.matchedFen).toBe(
      leverage.total.matchedFen,
    );

    // Linked to an approved project: it counts toward that project (and its county, once).
    const linkedCoop = await createBorrower();
    const project = await approvedProject(linkedCoop.organisation.id, linkedCoop.head.id);
    const linked = await postNeed(linkedCoop.head, linkedCoop.organisation.id, {
      programmeApplicationId: project,
    });
    const lender = await createBank();
    const offer = await makeFinancingOffer(lender.actor, linked.id, loanOffer, meta);
    await decideFinancingOffer(linkedCoop.head, linked.id, offer.id, true, meta);
    await recordFinancingOutcome(
      linkedCoop.head,
      linked.id,
      { kind: "LOAN", amount: 7_000_000, dealDate: today },
      meta,
    );
    await confirmFinancingOutcome(lender.actor, linked.id, { confirm: true }, meta);
    const city = await leverageFigures({ scope: { kind: "city" } });
    expect(city.byProject.find((row) => row.applicationId === project)).toMatchObject({
      publicFen: 0,
      matchedFen: 7_000_000,
      ratio: null,
    });
  });

  it("gives the returns' figures equal to an independent SQL count, and old snapshots still parse", async () => {
    const { coop, need, bank } = await answeredNeed();
    await recordFinancingOutcome(coop.head, need.id, { kind: "LOAN", amount: 12_345, dealDate: today }, meta);
    await confirmFinancingOutcome(bank.actor, need.id, { confirm: true }, meta);
    // A recorded but unconfirmed one, which must not count.
    const pending = await answeredNeed();
    await recordFinancingOutcome(
      pending.coop.head,
      pending.need.id,
      { kind: "EQUITY", amount: 99_999, dealDate: today },
      meta,
    );

    const period = periodOf("MONTH", today.slice(0, 7));
    const figures = await reportFigures(period, { kind: "county", countyCode: "410324" });
    const [posted] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "FinancingNeed" WHERE "countyCode" = '410324' AND "createdAt" >= $1::timestamp AND "createdAt" < $2::timestamp`,
      period.start.toISOString().replace("T", " ").replace("Z", ""),
      period.end.toISOString().replace("T", " ").replace("Z", ""),
    );
    const [mobilised] = await db.$queryRawUnsafe<{ n: bigint | null; loan: bigint | null }[]>(
      `SELECT sum(o."amountFen") AS n, sum(o."amountFen") FILTER (WHERE o.kind = 'LOAN') AS loan
       FROM "FinancingOutcome" o JOIN "FinancingNeed" n ON n.id = o."needId"
       WHERE o.status = 'CONFIRMED' AND n."countyCode" = '410324'
         AND to_char(o."dealDate", 'YYYY-MM') = $1`,
      today.slice(0, 7),
    );
    expect(figures.financingNeedsPosted).toBe(Number(posted!.n));
    expect(figures.financingMobilisedFen).toBe(Number(mobilised!.n ?? 0));
    expect(figures.financingLoanFen).toBe(Number(mobilised!.loan ?? 0));
    expect(figures.financingMobilisedFen).toBeGreaterThanOrEqual(12_345);

    const frozenBefore = {
      schemaVersion: 1,
      periodKind: "MONTH",
      periodKey: "2026-01",
      scope: "410324",
      computedAt: new Date().toISOString(),
      figures: Object.fromEntries(Object.entries(figures).filter(([key]) => !key.startsWith("financing"))),
      leverage: { total: { publicFen: 0, matchedFen: 0, ratio: null }, byProject: [] },
    };
    const parsed = SnapshotSchema.parse(frozenBefore);
    expect(parsed.figures.financingMobilisedFen).toBeUndefined();
  });
});

describe("the open API", () => {
  it("lists open needs without personal data, to tokens with the scope", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const bank = await createBank();
    expect((await listLoader({ request: apiRequest("/api/v1/financing-needs"), params: {} })).status).toBe(
      401,
    );
    const wrongScope = await tokenFor(bank.actor, ["needs:read"]);
    expect(
      (
        await listLoader({
          request: apiRequest("/api/v1/financing-needs", { token: wrongScope }),
          params: {},
        })
      ).status,
    ).toBe(403);
    const token = await tokenFor(bank.actor, ["financing:read"]);
    const response = await listLoader({
      request: apiRequest("/api/v1/financing-needs?limit=100", { token }),
      params: {},
    });
    expect(response.status).toBe(200);
    const body = await expectDocumented(response, "GET", "/api/v1/financing-needs");
    const text = JSON.stringify(body);
    expect(text).toContain(need.id);
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("coop@example.com");
    const bad = await listLoader({
      request: apiRequest("/api/v1/financing-needs?limit=0", { token }),
      params: {},
    });
    expect(bad.status).toBe(400);
  });

  it("takes an institution's offer once per Idempotency-Key, validates the body and refuses others", async () => {
    const coop = await createBorrower();
    const need = await postNeed(coop.head, coop.organisation.id);
    const bank = await createBank();
    const token = await tokenFor(bank.actor, ["financing:write"]);
    const path = `/api/v1/financing-needs/${need.id}/offers`;
    const post = (body: unknown, headers: Record<string, string> = {}, as = token) =>
      offerAction({
        request: apiRequest(path, { token: as, method: "POST", body, headers }),
        params: { id: need.id },
      });

    const invalid = await post({ product: "LOAN", amountFen: -1, rateBp: 435, termMonths: 24 });
    expect(invalid.status).toBe(400);
    const extra = await post({ ...loanOffer, surprise: true });
    expect(extra.status).toBe(400);

    const first = await post(loanOffer, { "Idempotency-Key": "financing-offer-0001" });
    expect(first.status).toBe(201);
    const created = await expectDocumented(first, "POST", "/api/v1/financing-needs/{id}/offers");
    const retry = await post(loanOffer, { "Idempotency-Key": "financing-offer-0001" });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { id: string }).id).toBe(created.id);
    expect(await db.financingOffer.count({ where: { needId: need.id } })).toBe(1);
    // Without the key, a second offer from the same bank is refused by the rule, not duplicated.
    expect((await post(loanOffer)).status).toBe(409);

    const coopToken = await tokenFor(coop.head, ["financing:write"]);
    expect((await post(loanOffer, {}, coopToken)).status).toBe(403);
    const readOnly = await tokenFor(bank.actor, ["financing:read"]);
    expect((await post(loanOffer, {}, readOnly)).status).toBe(403);
    expect(await db.financingOffer.count({ where: { needId: need.id } })).toBe(1);
  });
});

describe("the outcome's evidence", () => {
  it("is recorded through the page's form and served to the borrower, the lender and overseers only", async () => {
    const { coop, need, bank } = await answeredNeed();
    const form = new FormData();
    form.set("intent", "record");
    form.set("kind", "LOAN");
    form.set("amount", "3000.50");
    form.set("dealDate", today);
    form.set("evidence", await jpegFile("contract.jpg"));
    const recorded = await needAction({
      request: new Request(`http://localhost:3000/financing/${need.id}`, {
        method: "POST",
        headers: { cookie: await sessionCookieFor(coop.head.id) },
        body: form,
      }),
      params: { id: need.id },
      context: { clientIp: "10.9.0.1", cspNonce: "test" },
    });
    expect((recorded as Response).status).toBe(302);
    const outcome = await db.financingOutcome.findUniqueOrThrow({ where: { needId: need.id } });
    expect(outcome).toMatchObject({ amountFen: 300_050, status: "RECORDED" });
    expect(outcome.evidenceUploadId).not.toBeNull();
    expect(await isPrivateUpload(outcome.evidenceUploadId!)).toBe(true);

    const fetchAs = async (userId: string) => {
      const url = `http://localhost:3000/financing/${need.id}/evidence/${outcome.evidenceUploadId}`;
      try {
        const response = (await evidenceLoader({
          request: new Request(url, { headers: { cookie: await sessionCookieFor(userId) } }),
          params: { id: need.id, uploadId: outcome.evidenceUploadId! },
          context: { clientIp: "10.9.0.2", cspNonce: "test" },
        })) as Response;
        return response.status;
      } catch (thrown) {
        return (thrown as Response).status;
      }
    };
    expect(await fetchAs(coop.head.id)).toBe(200);
    expect(await fetchAs(bank.actor.id)).toBe(200);
    const bureau = await createUser({ role: "BUREAU" });
    expect(await fetchAs(bureau.id)).toBe(200);
    const otherBank = await createBank();
    expect(await fetchAs(otherBank.actor.id)).toBe(404);
    const farmer = await createUser({ role: "FARMER" });
    expect(await fetchAs(farmer.id)).toBe(404);
  });
});
