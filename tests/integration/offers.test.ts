import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { OfferFormSchema } from "~/modules/offers/offers.schema";
import {
  createOffer,
  getOfferPage,
  hideOffer,
  listMyOffers,
  listOffers,
  publishOffer,
  unhideOffer,
  updateOffer,
  withdrawOffer,
} from "~/modules/offers/offers.server";
import { onUserEvent } from "~/modules/realtime/bus.server";
import { action as detailAction, loader as detailLoader } from "~/routes/offers/offers.$id";
import { action as editAction } from "~/routes/offers/offers.$id_.edit";
import { action as newAction } from "~/routes/offers/offers.new";
import { loader as listLoader } from "~/routes/offers/offers._index";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import {
  createBureauStaff,
  createExpert,
  createInstitutionMember,
  insertOffer,
  offerFields,
  offerForm,
  sessionCookieFor,
} from "../support/offers-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.2.0.1" };
type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

async function post(path: string, userId: string, fields: [string, string][]) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: await sessionCookieFor(userId) },
  });
}

function auditActions(offerId: string) {
  return db.auditLog
    .findMany({
      where: { subjectType: "Offer", subjectId: offerId },
      orderBy: { id: "asc" },
      select: { action: true },
    })
    .then((rows) => rows.map((row) => row.action));
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function parseForm(fields: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of fields) formData.append(name, value);
  return parseWithZod(formData, { schema: OfferFormSchema });
}

describe("prices typed in yuan", () => {
  it("become integer fen exactly, without floating-point error", () => {
    const cases: [string, number][] = [
      ["0.1", 10],
      ["0.2", 20],
      ["0.29", 29],
      ["1.15", 115],
      ["12345.67", 1234567],
      ["100000000", 10_000_000_000],
    ];
    for (const [yuan, fen] of cases) {
      const result = parseForm(offerForm({ priceMin: yuan, priceMax: yuan }));
      expect(result.status === "success" && result.value.priceMinFen).toBe(fen);
    }
    const sum = parseForm(offerForm({ priceMin: "0.1", priceMax: "0.3" }));
    expect(sum.status === "success" && [sum.value.priceMinFen, sum.value.priceMaxFen]).toEqual([10, 30]);
  });

  it("refuses a third decimal, a negative amount, more than 100 million yuan and min above max", () => {
    const errors = (overrides: Record<string, string>) => parseForm(offerForm(overrides)).reply().error ?? {};
    expect(errors({ priceMin: "1234.567" }).priceMin).toEqual(["offers.errors.price_decimals"]);
    // "1.234" is 1.234 yuan to some and 1,234 to others: the accepted form is shown.
    expect(errors({ priceMin: "1.234" }).priceMin).toEqual(["errors.amount_format"]);
    expect(errors({ priceMin: "-5" }).priceMin).toEqual(["offers.errors.price_negative"]);
    expect(errors({ priceMax: "100000000.01" }).priceMax).toEqual(["offers.errors.price_too_large"]);
    expect(errors({ priceMin: "abc" }).priceMin).toEqual(["offers.errors.price_invalid"]);
    expect(errors({ priceMin: "500", priceMax: "499.99" }).priceMax).toEqual(["offers.errors.price_range"]);
    expect(errors({ priceMin: "500", priceMax: "500" })).toEqual({});
  });

  it("leaves both empty as negotiable", () => {
    const result = parseForm(offerForm());
    expect(result.status === "success" && [result.value.priceMinFen, result.value.priceMaxFen]).toEqual([
      null,
      null,
    ]);
  });
});

describe("posting an offer through the form", () => {
  it("lets an unverified expert save a draft but refuses to publish, changing nothing", async () => {
    const expert = await createExpert({ verified: false });
    const refused = (await newAction({
      request: await post("/offers/new", expert.id, [...offerForm(), ["intent", "publish"]]),
      context,
      params: {},
    })) as unknown as Reply;
    expect(refused.init.status).toBe(409);
    expect(refused.data.error?.[""]).toEqual(["认证通过后才能发布；您可以先保存草稿"]);
    expect(refused.data.initialValue).toMatchObject({
      title: "香菇菌棒污染防治技术",
      countiesServed: ["410324", "410325"],
    });
    expect(await db.offer.count({ where: { postedById: expert.id } })).toBe(0);

    const saved = (await newAction({
      request: await post("/offers/new", expert.id, [...offerForm(), ["intent", "save"]]),
      context,
      params: {},
    })) as Response;
    expect(saved.status).toBe(302);
    const offer = await db.offer.findFirstOrThrow({
      where: { postedById: expert.id },
      select: { id: true, status: true, expertId: true, countiesServed: true },
    });
    expect(saved.headers.get("location")).toBe(`/offers/${offer.id}`);
    expect(offer).toMatchObject({
      status: "DRAFT",
      expertId: expert.id,
      countiesServed: ["410324", "410325"],
    });

    const publish = await refusal(publishOffer(expert, offer.id));
    expect(publish.code).toBe("offer.expert_not_verified");
    expect(
      (await db.offer.findUniqueOrThrow({ where: { id: offer.id }, select: { status: true } })).status,
    ).toBe("DRAFT");
    expect(await auditActions(offer.id)).toEqual(["offer.created"]);
  });

  it("publishes at once for a verified expert, with the prices in fen and the affiliation", async () => {
    const { organisation } = await createInstitutionMember();
    const expert = await createExpert({ affiliationId: organisation.id });
    const form = [...offerForm({ priceMin: "12345.67", priceMax: "20000" }), ["intent", "publish"]] as [
      string,
      string,
    ][];
    const response = (await newAction({
      request: await post("/offers/new", expert.id, form),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const offer = await db.offer.findFirstOrThrow({
      where: { postedById: expert.id },
      select: {
        id: true,
        status: true,
        publishedAt: true,
        priceMinFen: true,
        priceMaxFen: true,
        expertId: true,
        organisationId: true,
      },
    });
    expect(offer).toMatchObject({
      status: "PUBLISHED",
      priceMinFen: 1234567,
      priceMaxFen: 2000000,
      expertId: expert.id,
      organisationId: organisation.id,
    });
    expect(offer.publishedAt).toBeInstanceOf(Date);
    expect(await auditActions(offer.id)).toEqual(["offer.created", "offer.published"]);
  });

  it("answers 400 with the typed values when the form is wrong", async () => {
    const expert = await createExpert();
    const form = offerForm({ title: "短", countiesServed: [], arrangements: [], priceMin: "1999.999" });
    const reply = (await newAction({
      request: await post("/offers/new", expert.id, form),
      context,
      params: {},
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.error).toMatchObject({
      title: ["offers.errors.title_length"],
      countiesServed: ["offers.errors.counties_required"],
      arrangements: ["offers.errors.arrangements_required"],
      priceMin: ["offers.errors.price_decimals"],
    });
    expect(reply.data.initialValue).toMatchObject({ title: "短", priceMin: "1999.999" });
    expect(await db.offer.count({ where: { postedById: expert.id } })).toBe(0);
  });

  it("lets an institution account post for its verified institution, and not for another", async () => {
    const { actor, organisation } = await createInstitutionMember();
    const other = await createInstitutionMember();
    const form = [
      ...offerForm({ organisationId: organisation.id, kind: "TRAINING" }),
      ["intent", "publish"],
    ] as [string, string][];
    const response = (await newAction({
      request: await post("/offers/new", actor.id, form),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const offer = await db.offer.findFirstOrThrow({
      where: { postedById: actor.id },
      select: { status: true, expertId: true, organisationId: true },
    });
    expect(offer).toEqual({ status: "PUBLISHED", expertId: null, organisationId: organisation.id });

    const foreign = [...offerForm({ organisationId: other.organisation.id }), ["intent", "save"]] as [
      string,
      string,
    ][];
    const refused = (await newAction({
      request: await post("/offers/new", actor.id, foreign),
      context,
      params: {},
    })) as unknown as Reply;
    expect(refused.init.status).toBe(403);
    expect(refused.data.error?.organisationId).toEqual(["只有该机构的管理账户才能以机构名义发布"]);
  });

  it("refuses to publish for an unverified institution", async () => {
    const { actor, organisation } = await createInstitutionMember({ verified: false });
    const error = await refusal(
      createOffer(actor, offerFields({ organisationId: organisation.id }), { publish: true }),
    );
    expect(error.code).toBe("offer.organisation_not_verified");
    expect(await db.offer.count({ where: { organisationId: organisation.id } })).toBe(0);
  });
});

describe("who may see and change an offer", () => {
  it("refuses a stranger's edit with 403 and hides drafts from everyone but the owner", async () => {
    const owner = await createExpert();
    const stranger = await createExpert();
    const { id } = await createOffer(owner, offerFields());

    const edit = (await editAction({
      request: await post(`/offers/${id}/edit`, stranger.id, [
        ...offerForm({ title: "被改掉的标题" }),
        ["intent", "save"],
      ]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(edit.init.status).toBe(403);
    expect((await db.offer.findUniqueOrThrow({ where: { id }, select: { title: true } })).title).toBe(
      "香菇菌棒污染防治技术",
    );
    expect((await refusal(updateOffer(stranger, id, offerFields()))).status).toBe(403);
    expect((await refusal(withdrawOffer(stranger, id))).status).toBe(403);

    expect((await refusal(getOfferPage(stranger, id))).status).toBe(404);
    expect((await refusal(getOfferPage(null, id))).status).toBe(404);
    expect((await refusal(getOfferPage(await createBureauStaff(), id))).status).toBe(404);
    const anonymous = await detailLoader({
      request: new Request(`http://localhost:3000/offers/${id}`),
      context,
      params: { id },
    }).catch((thrown: unknown) => thrown);
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).status).toBe(404);
    expect((await getOfferPage(owner, id)).isOwner).toBe(true);
  });

  it("withdraws and re-publishes, keeping edits of a published offer published", async () => {
    const owner = await createExpert();
    const { id } = await createOffer(owner, offerFields(), { publish: true });
    await updateOffer(owner, id, offerFields({ title: "香菇菌棒污染综合防治" }));
    expect(
      await db.offer.findUniqueOrThrow({ where: { id }, select: { status: true, title: true } }),
    ).toEqual({ status: "PUBLISHED", title: "香菇菌棒污染综合防治" });

    const withdraw = (await detailAction({
      request: await post(`/offers/${id}`, owner.id, [["intent", "withdraw"]]),
      context,
      params: { id },
    })) as Response;
    expect(withdraw.status).toBe(302);
    expect((await listOffers({ q: "综合防治" })).offers.map((offer) => offer.id)).not.toContain(id);
    expect((await refusal(withdrawOffer(owner, id))).code).toBe("offer.invalid_transition");

    const republish = (await detailAction({
      request: await post(`/offers/${id}`, owner.id, [["intent", "publish"]]),
      context,
      params: { id },
    })) as Response;
    expect(republish.status).toBe(302);
    expect((await listOffers({ q: "综合防治" })).offers.map((offer) => offer.id)).toContain(id);
    expect(await auditActions(id)).toEqual([
      "offer.created",
      "offer.published",
      "offer.updated",
      "offer.withdrawn",
      "offer.published",
    ]);
    expect((await refusal(publishOffer(owner, id))).code).toBe("offer.invalid_transition");
  });
});

describe("the offer list", () => {
  it("filters by industry, county, arrangement, kind and verified provider, and sorts by price", async () => {
    const verified = await createExpert();
    const unverified = await createExpert({ verified: false });
    const institution = await createInstitutionMember();
    const unverifiedInstitution = await createInstitutionMember({ verified: false });
    const tag = "筛选测试";
    const cheap = await insertOffer(
      { expertId: verified.id, postedById: verified.id },
      { title: `${tag} 便宜`, priceMinFen: 100, priceMaxFen: 500 },
    );
    const dear = await insertOffer(
      { organisationId: institution.organisation.id, postedById: institution.actor.id },
      {
        title: `${tag} 贵`,
        priceMinFen: 900_000,
        priceMaxFen: 1_000_000,
        industry: "BREEDING",
        countiesServed: ["410325", "410326"],
        arrangements: ["REVENUE_SHARE"],
        kind: "SERVICE",
      },
    );
    const unpriced = await insertOffer(
      { expertId: unverified.id, postedById: unverified.id },
      { title: `${tag} 面议`, arrangements: ["TECH_EQUITY"] },
    );
    const middle = await insertOffer(
      { expertId: unverified.id, postedById: unverified.id },
      { title: `${tag} 中等`, priceMinFen: 50_000, priceMaxFen: 60_000 },
    );
    const unverifiedOrgOffer = await insertOffer(
      { organisationId: unverifiedInstitution.organisation.id, postedById: unverifiedInstitution.actor.id },
      { title: `${tag} 未认证机构`, industry: "RURAL_TOURISM" },
    );
    await insertOffer(
      { expertId: verified.id, postedById: verified.id },
      { title: `${tag} 草稿`, status: "DRAFT" },
    );
    await insertOffer(
      { expertId: verified.id, postedById: verified.id },
      { title: `${tag} 已撤回`, status: "WITHDRAWN" },
    );
    await insertOffer(
      { expertId: verified.id, postedById: verified.id },
      { title: `${tag} 已隐藏`, hiddenAt: new Date() },
    );

    const ids = async (filters: Parameters<typeof listOffers>[0]) =>
      (await listOffers({ q: tag, ...filters })).offers.map((offer) => offer.id);
    expect((await ids({})).sort()).toEqual(
      [cheap.id, dear.id, unpriced.id, middle.id, unverifiedOrgOffer.id].sort(),
    );
    expect(await ids({ industry: "RURAL_TOURISM" })).toEqual([unverifiedOrgOffer.id]);
    expect(await ids({ industry: "BREEDING" })).toEqual([dear.id]);
    expect(await ids({ county: "410326" })).toEqual([dear.id]);
    expect(await ids({ arrangement: "TECH_EQUITY" })).toEqual([unpriced.id]);
    expect(await ids({ kind: "SERVICE" })).toEqual([dear.id]);
    expect((await ids({ verified: true })).sort()).toEqual([cheap.id, dear.id].sort());
    const priced = async (sort: "price_asc" | "price_desc") =>
      (await ids({ sort })).filter((id) => id !== unverifiedOrgOffer.id);
    expect(await priced("price_asc")).toEqual([cheap.id, middle.id, dear.id, unpriced.id]);
    expect(await priced("price_desc")).toEqual([dear.id, middle.id, cheap.id, unpriced.id]);

    const page = (await listLoader({
      request: new Request(
        `http://localhost:3000/offers?q=${encodeURIComponent(tag)}&county=410325&verified=1&sort=bogus&page=x`,
      ),
      context,
      params: {},
    })) as Awaited<ReturnType<typeof listOffers>> & { filters: { sort: string } };
    expect(page.offers.map((offer) => offer.id)).toEqual([dear.id]);
    expect(page.filters.sort).toBe("newest");
  });

  it("pages by 20 with the total count", async () => {
    const expert = await createExpert();
    const tag = "分页测试";
    for (let i = 0; i < 23; i++)
      await insertOffer(
        { expertId: expert.id, postedById: expert.id },
        { title: `${tag} ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
      );
    const first = await listOffers({ q: tag });
    const second = await listOffers({ q: tag, page: 2 });
    expect([first.offers.length, second.offers.length, first.total, first.pageCount]).toEqual([20, 3, 23, 2]);
    expect(first.offers[0]?.title).toBe(`${tag} 22`);
    expect(new Set([...first.offers, ...second.offers].map((offer) => offer.id)).size).toBe(23);
  });

  it("lists an owner's offers in every state for their workspace", async () => {
    const expert = await createExpert({ verified: false });
    const draft = await createOffer(expert, offerFields());
    const others = await createExpert();
    await createOffer(others, offerFields());
    expect((await listMyOffers(expert.id)).map((offer) => offer.id)).toEqual([draft.id]);
  });
});

describe("bureau moderation", () => {
  it("requires a reason, hides the offer from lists and strangers, notifies the owner and audits", async () => {
    const owner = await createExpert();
    const bureau = await createBureauStaff();
    const stranger = await createExpert();
    const { id } = await createOffer(owner, offerFields({ title: "需要隐藏的供给" }), { publish: true });

    const noReason = (await detailAction({
      request: await post(`/offers/${id}`, bureau.id, [
        ["intent", "hide"],
        ["reason", " "],
      ]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.error?.reason).toEqual(["offers.errors.reason_length"]);
    expect(
      (await db.offer.findUniqueOrThrow({ where: { id }, select: { hiddenAt: true } })).hiddenAt,
    ).toBeNull();

    expect((await refusal(hideOffer(stranger, id, "不是我的权限"))).status).toBe(403);
    expect((await refusal(hideOffer(bureau, id, "   "))).code).toBe("offer.reason_required");

    const pushed: string[] = [];
    const stop = onUserEvent((event) => {
      if (event.userId === owner.id) pushed.push(event.event);
    });
    const hidden = (await detailAction({
      request: await post(`/offers/${id}`, bureau.id, [
        ["intent", "hide"],
        ["reason", "内容与实际不符"],
      ]),
      context,
      params: { id },
    })) as Response;
    stop();
    expect(hidden.status).toBe(302);
    expect(
      await db.offer.findUniqueOrThrow({ where: { id }, select: { hiddenReason: true, status: true } }),
    ).toEqual({ hiddenReason: "内容与实际不符", status: "PUBLISHED" });
    expect((await listOffers({ q: "需要隐藏" })).offers.map((offer) => offer.id)).not.toContain(id);
    expect((await refusal(getOfferPage(stranger, id))).status).toBe(404);
    expect((await getOfferPage(owner, id)).offer.hiddenReason).toBe("内容与实际不符");
    expect((await getOfferPage(bureau, id)).canModerate).toBe(true);

    const notifications = await db.notification.findMany({
      where: { userId: owner.id },
      select: { type: true, payload: true },
    });
    expect(notifications).toEqual([
      {
        type: "offer.hidden",
        payload: { params: { offer: "需要隐藏的供给", reason: "内容与实际不符" }, href: `/offers/${id}` },
      },
    ]);
    expect(pushed).toEqual(["notification:new"]);

    expect((await refusal(hideOffer(bureau, id, "再隐藏一次"))).code).toBe("offer.not_hideable");
    await unhideOffer(bureau, id);
    expect((await listOffers({ q: "需要隐藏" })).offers.map((offer) => offer.id)).toContain(id);

    const audit = await db.auditLog.findMany({
      where: { subjectId: id, action: { in: ["offer.hidden", "offer.unhidden"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, before: true, after: true },
    });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["offer.hidden", bureau.id],
      ["offer.unhidden", bureau.id],
    ]);
    expect(audit[0]?.before).toMatchObject({ hiddenAt: null });
    expect(audit[0]?.after).toMatchObject({ hiddenReason: "内容与实际不符" });
  });

  it("refuses to hide a draft", async () => {
    const owner = await createExpert();
    const { id } = await createOffer(owner, offerFields());
    expect((await refusal(hideOffer(await createBureauStaff(), id, "草稿不能隐藏"))).code).toBe(
      "offer.not_hideable",
    );
  });
});

describe("the audit trail", () => {
  it("has a row with before and after for every state change", async () => {
    const owner = await createExpert();
    const bureau = await createBureauStaff();
    const { id } = await createOffer(owner, offerFields());
    await updateOffer(owner, id, offerFields({ priceMinFen: 100 }));
    await publishOffer(owner, id);
    await withdrawOffer(owner, id);
    await publishOffer(owner, id);
    await hideOffer(bureau, id, "需要核实");
    await unhideOffer(bureau, id);
    const rows = await db.auditLog.findMany({
      where: { subjectType: "Offer", subjectId: id },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(rows.map((row) => row.action)).toEqual([
      "offer.created",
      "offer.updated",
      "offer.published",
      "offer.withdrawn",
      "offer.published",
      "offer.hidden",
      "offer.unhidden",
    ]);
    expect(rows[0]?.before).toBeNull();
    for (const row of rows.slice(1)) expect(row.before).not.toBeNull();
    expect(rows[1]).toMatchObject({ before: { priceMinFen: null }, after: { priceMinFen: 100 } });
    expect(rows[3]).toMatchObject({ before: { status: "PUBLISHED" }, after: { status: "WITHDRAWN" } });
  });
});
