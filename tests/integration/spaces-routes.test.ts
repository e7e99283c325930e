import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isMessageKey, translate } from "~/i18n/i18n";
import { createService } from "~/modules/spaces/spaces.server";
import { loader as orgLoader } from "~/routes/profiles/orgs.$id";
import { action as detailAction, loader as detailLoader } from "~/routes/spaces/services.$id";
import { action as editAction, loader as editLoader } from "~/routes/spaces/services.$id_.edit";
import { loader as listLoader } from "~/routes/spaces/services._index";
import { action as newAction, loader as newLoader } from "~/routes/spaces/services.new";
import { useTestDatabase } from "../support/database";
import { createExpert } from "../support/offers-factories";
import {
  addSpaceAccount,
  createBureauStaff,
  createSpace,
  serviceFields,
  serviceForm,
  sessionCookieFor,
} from "../support/spaces-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.6.0.1" };
type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

async function request(path: string, userId?: string, fields?: [string, string][]) {
  const headers: Record<string, string> = userId ? { cookie: await sessionCookieFor(userId) } : {};
  if (!fields) return new Request(`http://localhost:3000${path}`, { headers });
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
  });
}

/** What a loader threw (a Response for 403/404), or null when it answered. */
async function thrown(promise: Promise<unknown>): Promise<Response | null> {
  return promise.then(
    () => null,
    (error: unknown) => {
      expect(error).toBeInstanceOf(Response);
      return error as Response;
    },
  );
}

describe("posting through /services/new", () => {
  it("answers 400 with field errors that translate, keeps what was typed and writes nothing", async () => {
    const { actor } = await createSpace();
    const outboxBefore = await db.searchOutbox.count();
    const form = serviceForm({
      title: "短",
      description: "太短",
      countiesServed: [],
      priceMin: "1.999",
      turnaroundDays: "400",
    });
    const reply = (await newAction({
      request: await request("/services/new", actor.id, [...form, ["intent", "publish"]]),
      context,
      params: {},
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    const errors = reply.data.error ?? {};
    expect(errors).toMatchObject({
      title: ["spaces.errors.title_length"],
      description: ["spaces.errors.description_length"],
      countiesServed: ["spaces.errors.counties_required"],
      priceMin: ["spaces.errors.price_invalid"],
      turnaroundDays: ["spaces.errors.turnaround"],
    });
    // Every error is a message key the form shows in the reader's language.
    for (const key of Object.values(errors).flat()) {
      expect(isMessageKey(key), String(key)).toBe(true);
      if (isMessageKey(key)) expect(translate("zh", key)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(translate("en", "spaces.errors.turnaround")).toBe(
      "Turnaround must be a whole number from 1 to 365",
    );
    expect(reply.data.initialValue).toMatchObject({
      title: "短",
      priceMin: "1.999",
      industries: ["PLANTING", "AGRI_PROCESSING"],
    });
    expect(await db.spaceService.count({ where: { postedById: actor.id } })).toBe(0);
    expect(await db.searchOutbox.count()).toBe(outboxBefore);
  });

  it("publishes for a verified space and redirects to the new service, prices in fen", async () => {
    const { actor, organisation } = await createSpace();
    const response = (await newAction({
      request: await request("/services/new", actor.id, [...serviceForm(), ["intent", "publish"]]),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    const service = await db.spaceService.findFirstOrThrow({
      where: { postedById: actor.id },
      select: {
        id: true,
        status: true,
        organisationId: true,
        priceMinFen: true,
        priceMaxFen: true,
        turnaroundDays: true,
        industries: true,
      },
    });
    expect(response.headers.get("location")).toBe(`/services/${service.id}`);
    expect(service).toMatchObject({
      status: "PUBLISHED",
      organisationId: organisation.id,
      priceMinFen: 30_000,
      priceMaxFen: 120_050,
      turnaroundDays: 7,
      industries: ["PLANTING", "AGRI_PROCESSING"],
    });
  });

  it("keeps the typed form with a translated 409 when the space is not verified yet", async () => {
    const { actor } = await createSpace({ verified: false });
    const reply = (await newAction({
      request: await request("/services/new", actor.id, [...serviceForm(), ["intent", "publish"]]),
      context,
      params: {},
    })) as unknown as Reply;
    expect(reply.init.status).toBe(409);
    expect(reply.data.error?.[""]).toEqual(["星创天地认证通过后才能发布；您可以先保存草稿"]);
    expect(reply.data.initialValue).toMatchObject({ title: "食用菌农残与重金属检测" });
    expect(await db.spaceService.count({ where: { postedById: actor.id } })).toBe(0);
  });

  it("is 403 for anyone without a space, and preselects the space named in ?org=", async () => {
    const expert = await createExpert();
    expect(
      (await thrown(newLoader({ request: await request("/services/new", expert.id), context, params: {} })))
        ?.status,
    ).toBe(403);
    expect(
      (
        await thrown(
          newAction({
            request: await request("/services/new", expert.id, serviceForm()),
            context,
            params: {},
          }),
        )
      )?.status,
    ).toBe(403);

    const first = await createSpace();
    const second = await createSpace({ verified: false });
    await db.membership.create({
      data: { userId: first.actor.id, organisationId: second.organisation.id, role: "SPACE" },
    });
    const page = await newLoader({
      request: await request(`/services/new?org=${second.organisation.id}`, first.actor.id),
      context,
      params: {},
    });
    expect([page.spaces.length, page.selectedId, page.verified]).toEqual([2, second.organisation.id, false]);
  });
});

describe("a service's page", () => {
  it("is 403 for non-members who try to change it, and lets the space withdraw it", async () => {
    const { actor } = await createSpace();
    const other = await createSpace();
    const { id } = await createService(actor, serviceFields(), { publish: true });

    const edit = (await editAction({
      request: await request(`/services/${id}/edit`, other.actor.id, [
        ...serviceForm({ title: "被别人改掉的标题" }),
        ["intent", "save"],
      ]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(edit.init.status).toBe(403);
    const withdraw = (await detailAction({
      request: await request(`/services/${id}`, other.actor.id, [["intent", "withdraw"]]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(withdraw.init.status).toBe(403);
    expect(
      (
        await thrown(
          editLoader({
            request: await request(`/services/${id}/edit`, other.actor.id),
            context,
            params: { id },
          }),
        )
      )?.status,
    ).toBe(403);
    expect(
      await db.spaceService.findUniqueOrThrow({ where: { id }, select: { title: true, status: true } }),
    ).toEqual({ title: "食用菌农残与重金属检测", status: "PUBLISHED" });

    const own = (await detailAction({
      request: await request(`/services/${id}`, actor.id, [["intent", "withdraw"]]),
      context,
      params: { id },
    })) as Response;
    expect([own.status, own.headers.get("location")]).toEqual([302, `/services/${id}`]);
    expect(
      (await db.spaceService.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("WITHDRAWN");
  });

  it("saves edits through /services/:id/edit and keeps a published service published", async () => {
    const { actor } = await createSpace();
    const { id } = await createService(actor, serviceFields(), { publish: true });
    const page = await editLoader({
      request: await request(`/services/${id}/edit`, actor.id),
      context,
      params: { id },
    });
    expect(page.service.id).toBe(id);
    const response = (await editAction({
      request: await request(`/services/${id}/edit`, actor.id, [
        ...serviceForm({ title: "食用菌检测（修改后）", free: "on" }),
        ["intent", "save"],
      ]),
      context,
      params: { id },
    })) as Response;
    expect(response.status).toBe(302);
    expect(
      await db.spaceService.findUniqueOrThrow({
        where: { id },
        select: { title: true, status: true, free: true, priceMinFen: true },
      }),
    ).toEqual({ title: "食用菌检测（修改后）", status: "PUBLISHED", free: true, priceMinFen: null });
  });

  it("is 404 when hidden, except to the space and the bureau; the bureau's hide needs a reason", async () => {
    const { actor, organisation } = await createSpace();
    const bureau = await createBureauStaff();
    const stranger = await createExpert();
    const { id } = await createService(actor, serviceFields(), { publish: true });

    const noReason = (await detailAction({
      request: await request(`/services/${id}`, bureau.id, [
        ["intent", "hide"],
        ["reason", " "],
      ]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.error?.reason).toEqual(["spaces.errors.reason_length"]);
    const spaceHides = (await detailAction({
      request: await request(`/services/${id}`, actor.id, [
        ["intent", "hide"],
        ["reason", "自己隐藏"],
      ]),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(spaceHides.init.status).toBe(403);

    const hidden = (await detailAction({
      request: await request(`/services/${id}`, bureau.id, [
        ["intent", "hide"],
        ["reason", "收费与实际不符"],
      ]),
      context,
      params: { id },
    })) as Response;
    expect(hidden.status).toBe(302);

    expect(
      (await thrown(detailLoader({ request: await request(`/services/${id}`), context, params: { id } })))
        ?.status,
    ).toBe(404);
    expect(
      (
        await thrown(
          detailLoader({ request: await request(`/services/${id}`, stranger.id), context, params: { id } }),
        )
      )?.status,
    ).toBe(404);
    const own = await detailLoader({
      request: await request(`/services/${id}`, actor.id),
      context,
      params: { id },
    });
    expect([own.isOwner, own.service.hiddenReason]).toEqual([true, "收费与实际不符"]);
    expect(
      (await detailLoader({ request: await request(`/services/${id}`, bureau.id), context, params: { id } }))
        .canModerate,
    ).toBe(true);
    expect(
      (
        await thrown(
          detailLoader({
            request: await request("/services/no-such-id"),
            context,
            params: { id: "no-such-id" },
          }),
        )
      )?.status,
    ).toBe(404);

    const page = await orgLoader({
      request: await request(`/orgs/${organisation.id}`),
      context,
      params: { id: organisation.id },
    });
    expect(page.services).toEqual([]);
  });
});

describe("lists", () => {
  it("serves the catalogue from any URL, and a space's page with its services", async () => {
    const { actor, organisation } = await createSpace();
    const colleague = await addSpaceAccount(organisation.id);
    const live = await createService(
      actor,
      serviceFields({ title: "合作社财务代账服务", category: "ACCOUNTING" }),
      { publish: true },
    );
    const draft = await createService(actor, serviceFields({ title: "还在准备的服务" }));

    const list = await listLoader({
      request: await request("/services?category=ACCOUNTING&county=bogus&sort=cheapest&page=zero&free=maybe"),
      context,
      params: {},
    });
    expect(list.services.map((service) => service.id)).toEqual([live.id]);
    expect([list.filters.sort, list.filters.page, list.filters.free, list.canPost]).toEqual([
      "newest",
      1,
      false,
      false,
    ]);
    expect(
      (await listLoader({ request: await request("/services", actor.id), context, params: {} })).canPost,
    ).toBe(true);

    const url = `/orgs/${organisation.id}`;
    const publicPage = await orgLoader({
      request: await request(url),
      context,
      params: { id: organisation.id },
    });
    expect([publicPage.services?.map((service) => service.id), publicPage.managesServices]).toEqual([
      [live.id],
      false,
    ]);
    const memberPage = await orgLoader({
      request: await request(url, colleague.id),
      context,
      params: { id: organisation.id },
    });
    expect(memberPage.services?.map((service) => service.id).sort()).toEqual([live.id, draft.id].sort());
    expect(memberPage.managesServices).toBe(true);

    const university = await db.organisation.create({
      data: { type: "UNIVERSITY", name: "测试大学" },
      select: { id: true },
    });
    expect(
      (
        await orgLoader({
          request: await request(`/orgs/${university.id}`),
          context,
          params: { id: university.id },
        })
      ).services,
    ).toBeNull();
  });
});
