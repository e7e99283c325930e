import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { parseServiceFilters, ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import {
  createService,
  getServiceCards,
  getServiceDetail,
  getServiceForEdit,
  hideService,
  listMyServices,
  listServices,
  listServicesOfSpace,
  publishService,
  unhideService,
  updateService,
  withdrawService,
} from "~/modules/spaces/spaces.server";
import { getWorkspace } from "~/modules/workspace/workspace.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/offers-factories";
import {
  actorFor,
  addSpaceAccount,
  createBureauStaff,
  createSpace,
  insertService,
  serviceFields,
  serviceForm,
} from "../support/spaces-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const auditActions = (serviceId: string) =>
  db.auditLog
    .findMany({
      where: { subjectType: "SpaceService", subjectId: serviceId },
      orderBy: { id: "asc" },
      select: { action: true },
    })
    .then((rows) => rows.map((row) => row.action));

const outboxRows = (serviceId: string) =>
  db.searchOutbox.count({ where: { index: "services", documentId: serviceId } });

const statusOf = async (id: string) =>
  (await db.spaceService.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

function parseForm(fields: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of fields) formData.append(name, value);
  return parseWithZod(formData, { schema: ServiceFormSchema });
}

describe("the service form schema", () => {
  it("reads prices in yuan into fen, and turnaround as whole days", () => {
    const result = parseForm(serviceForm({ priceMin: "0.29", priceMax: "1,200.50", turnaroundDays: "12" }));
    expect(
      result.status === "success" && [
        result.value.priceMinFen,
        result.value.priceMaxFen,
        result.value.turnaroundDays,
        result.value.free,
      ],
    ).toEqual([29, 120_050, 12, false]);
  });

  it("ignores whatever the price boxes hold when the service is free", () => {
    const result = parseForm(serviceForm({ free: "on", priceMin: "不收费", priceMax: "-3" }));
    expect(result.status).toBe("success");
    expect(
      result.status === "success" && [result.value.free, result.value.priceMinFen, result.value.priceMaxFen],
    ).toEqual([true, null, null]);
  });

  it("refuses bad prices, min above max, a bad turnaround, no county and an unknown category, all at once", () => {
    const errors = (overrides: Record<string, string | string[]>) =>
      parseForm(serviceForm(overrides)).reply().error ?? {};
    expect(errors({ priceMin: "1.234", priceMax: "abc" })).toMatchObject({
      priceMin: ["spaces.errors.price_invalid"],
      priceMax: ["spaces.errors.price_invalid"],
    });
    expect(errors({ priceMin: "500", priceMax: "499.99" }).priceMax).toEqual(["spaces.errors.price_range"]);
    expect(errors({ turnaroundDays: "0" }).turnaroundDays).toEqual(["spaces.errors.turnaround"]);
    expect(errors({ turnaroundDays: "2.5" }).turnaroundDays).toEqual(["spaces.errors.turnaround"]);
    expect(errors({ turnaroundDays: "三天" }).turnaroundDays).toEqual(["spaces.errors.turnaround"]);
    expect(errors({ countiesServed: [], category: "ROCKETRY", title: "短" })).toMatchObject({
      countiesServed: ["spaces.errors.counties_required"],
      category: ["spaces.errors.category"],
      title: ["spaces.errors.title_length"],
    });
    expect(errors({ priceMin: "", priceMax: "", turnaroundDays: "" })).toEqual({});
  });

  it("reads the catalogue's filters from any URL without throwing", () => {
    const filters = parseServiceFilters(
      new URLSearchParams(
        "category=NOPE&county=999&industry=x&free=1&verified=yes&sort=price_desc&page=-4&q=%20",
      ),
    );
    expect(filters).toEqual({
      category: undefined,
      county: undefined,
      industry: undefined,
      free: true,
      verified: false,
      q: undefined,
      sort: "newest",
      page: 1,
    });
  });
});

describe("posting a service", () => {
  it("saves a draft with an audit row and an outbox row for the search index", async () => {
    const { actor, organisation } = await createSpace();
    const { id, status } = await createService(actor, serviceFields(), {}, { ip: "10.5.0.1" });
    expect(status).toBe("DRAFT");
    const row = await db.spaceService.findUniqueOrThrow({
      where: { id },
      select: { organisationId: true, postedById: true, priceMinFen: true, publishedAt: true },
    });
    expect(row).toEqual({
      organisationId: organisation.id,
      postedById: actor.id,
      priceMinFen: 30_000,
      publishedAt: null,
    });
    expect(await auditActions(id)).toEqual(["service.created"]);
    expect(await outboxRows(id)).toBe(1);
  });

  it("refuses to publish for an unverified space and writes nothing at all: service, audit and outbox share one transaction", async () => {
    const { actor, organisation } = await createSpace({ verified: false });
    const before = await db.searchOutbox.count();
    const error = await refusal(createService(actor, serviceFields(), { publish: true }));
    expect(error.code).toBe("service.space_not_verified");
    expect(await db.spaceService.count({ where: { organisationId: organisation.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { subjectType: "SpaceService", actorId: actor.id } })).toBe(0);
    expect(await db.searchOutbox.count()).toBe(before);

    const draft = await createService(actor, serviceFields());
    expect((await refusal(publishService(actor, draft.id))).code).toBe("service.space_not_verified");
    expect(await statusOf(draft.id)).toBe("DRAFT");
    expect(await outboxRows(draft.id)).toBe(1);

    await db.organisation.update({ where: { id: organisation.id }, data: { verifiedAt: new Date() } });
    expect((await publishService(actor, draft.id)).status).toBe("PUBLISHED");
    expect(await auditActions(draft.id)).toEqual(["service.created", "service.published"]);
    expect(await outboxRows(draft.id)).toBe(2);
  });

  it("stores no price for a free service, whatever the caller passed", async () => {
    const { actor } = await createSpace();
    const { id } = await createService(
      actor,
      serviceFields({ free: true, priceMinFen: 100, priceMaxFen: 200 }),
      { publish: true },
    );
    expect(
      await db.spaceService.findUniqueOrThrow({
        where: { id },
        select: { free: true, priceMinFen: true, priceMaxFen: true },
      }),
    ).toEqual({ free: true, priceMinFen: null, priceMaxFen: null });
  });

  it("posts only for a space the user runs, and asks which one when they run several", async () => {
    const first = await createSpace();
    const second = await createSpace();
    const both = await addSpaceAccount(first.organisation.id);
    await db.membership.create({
      data: { userId: both.id, organisationId: second.organisation.id, role: "SPACE" },
    });
    const twoSpaces = await actorFor(both.id);

    expect((await refusal(createService(twoSpaces, serviceFields()))).code).toBe("service.space_required");
    const { id } = await createService(twoSpaces, serviceFields({ organisationId: second.organisation.id }));
    expect(
      (await db.spaceService.findUniqueOrThrow({ where: { id }, select: { organisationId: true } }))
        .organisationId,
    ).toBe(second.organisation.id);

    const foreign = await refusal(
      createService(first.actor, serviceFields({ organisationId: second.organisation.id })),
    );
    expect([foreign.code, foreign.status, foreign.field]).toEqual([
      "service.not_space_member",
      403,
      "organisationId",
    ]);
    expect((await refusal(createService(await createExpert(), serviceFields()))).code).toBe(
      "service.forbidden",
    );
  });
});

describe("who may change a service", () => {
  it("refuses accounts of other spaces and other roles, and lets every account of the space manage it", async () => {
    const { actor, organisation } = await createSpace();
    const colleague = await addSpaceAccount(organisation.id);
    const other = await createSpace();
    const expert = await createExpert();
    const { id } = await createService(actor, serviceFields());

    for (const stranger of [other.actor, expert]) {
      expect(
        (await refusal(updateService(stranger, id, serviceFields({ title: "被别人改掉的标题" })))).status,
      ).toBe(403);
      expect((await refusal(publishService(stranger, id))).status).toBe(403);
      expect((await refusal(getServiceDetail(stranger, id))).status).toBe(404);
      expect((await refusal(getServiceForEdit(stranger, id))).status).toBe(404);
    }
    expect((await db.spaceService.findUniqueOrThrow({ where: { id }, select: { title: true } })).title).toBe(
      "食用菌农残与重金属检测",
    );

    await updateService(colleague, id, serviceFields({ title: "食用菌农残检测（同事修改）" }), {
      publish: true,
    });
    expect(
      await db.spaceService.findUniqueOrThrow({ where: { id }, select: { title: true, status: true } }),
    ).toEqual({ title: "食用菌农残检测（同事修改）", status: "PUBLISHED" });
    expect((await refusal(getServiceForEdit(other.actor, id))).status).toBe(403);
  });

  it("moves DRAFT → PUBLISHED → WITHDRAWN → PUBLISHED and refuses anything else", async () => {
    const { actor } = await createSpace();
    const { id } = await createService(actor, serviceFields());
    expect((await refusal(withdrawService(actor, id))).code).toBe("service.invalid_transition");
    await publishService(actor, id);
    expect((await refusal(publishService(actor, id))).code).toBe("service.invalid_transition");

    await updateService(actor, id, serviceFields({ title: "食用菌检测（已发布后修改）" }));
    expect(await statusOf(id)).toBe("PUBLISHED");
    await withdrawService(actor, id);
    expect((await listServices({ q: "已发布后修改" })).services).toEqual([]);
    await publishService(actor, id);
    expect((await listServices({ q: "已发布后修改" })).services.map((service) => service.id)).toEqual([id]);
    expect(await auditActions(id)).toEqual([
      "service.created",
      "service.published",
      "service.updated",
      "service.withdrawn",
      "service.published",
    ]);
    expect(await outboxRows(id)).toBe(5);
  });

  it("lets only one of two simultaneous withdrawals through (the row lock)", async () => {
    const { actor, organisation } = await createSpace();
    const colleague = await addSpaceAccount(organisation.id);
    const { id } = await createService(actor, serviceFields(), { publish: true });
    const results = await Promise.allSettled([withdrawService(actor, id), withdrawService(colleague, id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as DomainError).code).toBe("service.invalid_transition");
    expect(await auditActions(id)).toEqual(["service.created", "service.published", "service.withdrawn"]);
  });
});

describe("bureau moderation", () => {
  it("hides with a reason, tells the space's accounts, keeps it from everyone else, and unhides", async () => {
    const { actor, organisation } = await createSpace();
    const colleague = await addSpaceAccount(organisation.id);
    const bureau = await createBureauStaff();
    const stranger = await createExpert();
    const { id } = await createService(actor, serviceFields({ title: "需要隐藏的检测服务" }), {
      publish: true,
    });

    expect((await refusal(hideService(actor, id, "自己不能隐藏"))).status).toBe(403);
    expect((await refusal(hideService(stranger, id, "无权隐藏"))).status).toBe(403);
    expect((await refusal(hideService(bureau, id, " "))).code).toBe("service.reason_required");
    expect((await refusal(unhideService(actor, id))).status).toBe(403);

    await hideService(bureau, id, "资质证明过期");
    expect(
      await db.spaceService.findUniqueOrThrow({
        where: { id },
        select: { status: true, hiddenReason: true },
      }),
    ).toEqual({ status: "PUBLISHED", hiddenReason: "资质证明过期" });
    expect((await listServices({ q: "需要隐藏" })).services).toEqual([]);
    expect(await getServiceCards([id])).toEqual([]);
    expect((await refusal(getServiceDetail(stranger, id))).status).toBe(404);
    expect((await refusal(getServiceDetail(null, id))).status).toBe(404);
    expect((await getServiceDetail(actor, id)).service.hiddenReason).toBe("资质证明过期");
    expect((await getServiceDetail(bureau, id)).canModerate).toBe(true);
    expect((await refusal(hideService(bureau, id, "再隐藏一次"))).code).toBe("service.not_hideable");

    const notified = await db.notification.findMany({
      where: { type: "service.hidden" },
      select: { userId: true, payload: true },
    });
    expect(notified.map((row) => row.userId).sort()).toEqual([actor.id, colleague.id].sort());
    expect(notified[0]?.payload).toEqual({
      params: { service: "需要隐藏的检测服务", reason: "资质证明过期" },
      href: `/services/${id}`,
    });

    await unhideService(bureau, id);
    expect((await listServices({ q: "需要隐藏" })).services.map((service) => service.id)).toEqual([id]);
    expect((await refusal(unhideService(bureau, id))).code).toBe("service.invalid_transition");
    const audit = await db.auditLog.findMany({
      where: { subjectId: id, action: { in: ["service.hidden", "service.unhidden"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, before: true, after: true },
    });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["service.hidden", bureau.id],
      ["service.unhidden", bureau.id],
    ]);
    expect(audit[0]).toMatchObject({ before: { hiddenAt: null }, after: { hiddenReason: "资质证明过期" } });
    expect(await outboxRows(id)).toBe(4);
  });

  it("refuses to hide a draft, which the bureau cannot even see", async () => {
    const { actor } = await createSpace();
    const bureau = await createBureauStaff();
    const { id } = await createService(actor, serviceFields());
    expect((await refusal(hideService(bureau, id, "草稿不能隐藏"))).code).toBe("service.not_hideable");
    expect((await refusal(getServiceDetail(bureau, id))).status).toBe(404);
  });
});

describe("the service catalogue", () => {
  it("filters by category, county, industry, free and verified space, searches words and the space's name, and sorts by fee", async () => {
    const tag = "筛选测试";
    const verified = await createSpace({ name: "伊河星创天地" });
    const unverified = await createSpace({ verified: false });
    const by = (space: { organisation: { id: string }; actor: { id: string } }) => ({
      organisationId: space.organisation.id,
      postedById: space.actor.id,
    });
    const testing = await insertService(by(verified), {
      title: `${tag} 检测`,
      priceMinFen: 50_000,
      priceMaxFen: 90_000,
    });
    const loans = await insertService(by(verified), {
      title: `${tag} 贷款`,
      category: "FINANCE",
      industries: [],
      free: true,
      priceMinFen: null,
      priceMaxFen: null,
      countiesServed: ["410324"],
    });
    const trademark = await insertService(by(unverified), {
      title: `${tag} 商标`,
      category: "LEGAL",
      industries: ["BRANDING"],
      priceMinFen: 10_000,
      priceMaxFen: 20_000,
    });
    const agreed = await insertService(by(unverified), {
      title: `${tag} 面议`,
      category: "ACCOUNTING",
      industries: ["BREEDING"],
      priceMinFen: null,
      priceMaxFen: null,
    });
    await insertService(by(verified), { title: `${tag} 草稿`, status: "DRAFT" });
    await insertService(by(verified), { title: `${tag} 撤回`, status: "WITHDRAWN" });
    await insertService(by(verified), { title: `${tag} 隐藏`, hiddenAt: new Date() });

    const ids = async (filters: Parameters<typeof listServices>[0]) =>
      (await listServices({ q: tag, ...filters })).services.map((service) => service.id);
    expect((await ids({})).sort()).toEqual([testing.id, loans.id, trademark.id, agreed.id].sort());
    expect(await ids({ category: "LEGAL" })).toEqual([trademark.id]);
    expect(await ids({ county: "410324" })).toEqual([loans.id]);
    // A service with no industries suits any industry.
    expect((await ids({ industry: "BRANDING" })).sort()).toEqual([loans.id, trademark.id].sort());
    expect(await ids({ free: true })).toEqual([loans.id]);
    expect((await ids({ verified: true })).sort()).toEqual([testing.id, loans.id].sort());
    expect(await ids({ sort: "price_asc" })).toEqual([loans.id, trademark.id, testing.id, agreed.id]);
    expect((await listServices({ q: "伊河星创" })).services.map((service) => service.id).sort()).toEqual(
      [testing.id, loans.id].sort(),
    );
  });

  it("pages by 20, newest first, with the total", async () => {
    const space = await createSpace();
    const tag = "分页测试";
    for (let i = 0; i < 23; i++) {
      await insertService(
        { organisationId: space.organisation.id, postedById: space.actor.id },
        { title: `${tag} ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) },
      );
    }
    const first = await listServices({ q: tag });
    const second = await listServices({ q: tag, page: 2 });
    expect([first.services.length, second.services.length, first.total, first.pageCount]).toEqual([
      20, 3, 23, 2,
    ]);
    expect(first.services[0]?.title).toBe(`${tag} 22`);
    expect(new Set([...first.services, ...second.services].map((service) => service.id)).size).toBe(23);
  });

  it("gives search result cards in the engine's order, leaving out what is no longer public", async () => {
    const space = await createSpace();
    const by = { organisationId: space.organisation.id, postedById: space.actor.id };
    const [a, b, c] = [
      await insertService(by),
      await insertService(by),
      await insertService(by, { status: "WITHDRAWN" }),
    ];
    expect((await getServiceCards([b.id, c.id, a.id, "missing"])).map((card) => card.id)).toEqual([
      b.id,
      a.id,
    ]);
  });

  it("lists a space's services: published ones for the public, every state for its accounts and their workspace", async () => {
    const { actor, organisation } = await createSpace();
    const draft = await createService(actor, serviceFields({ title: "草稿中的服务" }));
    const live = await createService(actor, serviceFields(), { publish: true });
    await createService((await createSpace()).actor, serviceFields());
    expect((await listServicesOfSpace(organisation.id, false)).map((service) => service.id)).toEqual([
      live.id,
    ]);
    expect((await listServicesOfSpace(organisation.id, true)).map((service) => service.id).sort()).toEqual(
      [draft.id, live.id].sort(),
    );
    expect((await listMyServices(actor)).map((service) => service.id).sort()).toEqual(
      [draft.id, live.id].sort(),
    );
    expect((await getWorkspace(actor)).services?.map((service) => service.id).sort()).toEqual(
      [draft.id, live.id].sort(),
    );
    expect((await getWorkspace(await createExpert())).services).toBeNull();
  });
});
