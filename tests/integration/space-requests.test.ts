import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  acceptRequest,
  cancelRequest,
  completeRequest,
  declineRequest,
  listMyRequests,
  listSpaceInbox,
  rateRequest,
  requestService,
} from "~/modules/spaces/service-requests.server";
import { action as inboxAction } from "~/routes/spaces/spaces.requests";
import { action as requestAction } from "~/routes/spaces/services.$id_.request";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import {
  addSpaceAccount,
  createFarmer,
  createSpace,
  createSubmittedRequest,
  insertService,
  requestFields,
  sessionCookieFor,
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

const statusOf = (id: string) =>
  db.serviceRequest.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((row) => row.status);

const auditActions = (id: string) =>
  db.auditLog
    .findMany({
      where: { subjectType: "ServiceRequest", subjectId: id },
      orderBy: { id: "asc" },
      select: { action: true },
    })
    .then((rows) => rows.map((row) => row.action));

const notificationsOf = (userId: string) =>
  db.notification
    .findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { type: true } })
    .then((rows) => rows.map((row) => row.type));

describe("a service request's life", () => {
  it("goes submitted → accepted → completed → rated, audited and told to the other side each time", async () => {
    const { space, farmer, requestId } = await createSubmittedRequest();
    const colleague = await addSpaceAccount(space.organisation.id);
    expect(await notificationsOf(space.actor.id)).toEqual(["service_request.submitted"]);

    await acceptRequest(colleague, requestId, "周三上午派技术员上门取样，联系电话 13800000000");
    const accepted = await db.serviceRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { status: true, respondedById: true, respondedAt: true, response: true },
    });
    expect(accepted).toMatchObject({
      status: "ACCEPTED",
      respondedById: colleague.id,
      response: "周三上午派技术员上门取样，联系电话 13800000000",
    });
    expect(accepted.respondedAt).toBeInstanceOf(Date);

    await completeRequest(space.actor, requestId);
    await rateRequest(farmer, requestId, { rating: 4, feedback: "报告出得很快" });
    expect(
      await db.serviceRequest.findUniqueOrThrow({
        where: { id: requestId },
        select: { status: true, rating: true, feedback: true, completedAt: true },
      }),
    ).toMatchObject({
      status: "COMPLETED",
      rating: 4,
      feedback: "报告出得很快",
      completedAt: expect.any(Date),
    });
    expect(await auditActions(requestId)).toEqual([
      "service_request.submitted",
      "service_request.accepted",
      "service_request.completed",
      "service_request.rated",
    ]);
    expect(await notificationsOf(farmer.id)).toEqual([
      "service_request.accepted",
      "service_request.completed",
    ]);
    expect(await notificationsOf(space.actor.id)).toEqual([
      "service_request.submitted",
      "service_request.rated",
    ]);
    // Every account of the space hears of the rating, including one added after the request came in.
    expect(await notificationsOf(colleague.id)).toEqual(["service_request.rated"]);
  });

  it("records the requester's village, county and preferred day", async () => {
    const space = await createSpace();
    const service = await insertService({
      organisationId: space.organisation.id,
      postedById: space.actor.id,
    });
    const farmer = await createFarmer();
    const { id } = await requestService(
      farmer,
      service.id,
      requestFields({ countyCode: "410325", village: "北村", preferredDate: "2099-05-01" }),
    );
    const row = await db.serviceRequest.findUniqueOrThrow({
      where: { id },
      select: { organisationId: true, countyCode: true, village: true, preferredDate: true, status: true },
    });
    expect(row).toMatchObject({
      organisationId: space.organisation.id,
      countyCode: "410325",
      village: "北村",
      status: "SUBMITTED",
    });
    expect(row.preferredDate?.toISOString()).toBe("2099-04-30T16:00:00.000Z");
  });

  it("refuses illegal transitions and leaves the status alone", async () => {
    const { space, farmer, requestId } = await createSubmittedRequest();
    expect((await refusal(completeRequest(space.actor, requestId))).code).toBe(
      "service_request.invalid_transition",
    );
    await declineRequest(space.actor, requestId, "本月检测排期已满");
    expect((await refusal(acceptRequest(space.actor, requestId, "还是接下吧"))).code).toBe(
      "service_request.invalid_transition",
    );
    expect((await refusal(cancelRequest(farmer, requestId))).code).toBe("service_request.invalid_transition");
    expect(await statusOf(requestId)).toBe("DECLINED");
    expect(await notificationsOf(farmer.id)).toEqual(["service_request.declined"]);
  });

  it("lets only the space's own accounts answer", async () => {
    const { farmer, requestId } = await createSubmittedRequest();
    const otherSpace = await createSpace();
    expect((await refusal(acceptRequest(otherSpace.actor, requestId, "我们来做"))).code).toBe(
      "service_request.forbidden",
    );
    expect((await refusal(acceptRequest(farmer, requestId, "我自己接受"))).code).toBe(
      "service_request.forbidden",
    );
    expect((await refusal(declineRequest(otherSpace.actor, requestId, "不做"))).code).toBe(
      "service_request.forbidden",
    );
    expect(await statusOf(requestId)).toBe("SUBMITTED");
  });

  it("needs a reason to decline and an answer to accept", async () => {
    const { space, requestId } = await createSubmittedRequest();
    expect((await refusal(declineRequest(space.actor, requestId, " "))).code).toBe(
      "service_request.reason_required",
    );
    expect((await refusal(acceptRequest(space.actor, requestId, ""))).code).toBe(
      "service_request.answer_required",
    );
    expect(await statusOf(requestId)).toBe("SUBMITTED");
  });

  it("lets only the requester cancel, while waiting or accepted", async () => {
    const { space, farmer, requestId } = await createSubmittedRequest();
    const stranger = await createFarmer();
    expect((await refusal(cancelRequest(stranger, requestId))).code).toBe("service_request.forbidden");
    expect((await refusal(cancelRequest(space.actor, requestId))).code).toBe("service_request.forbidden");
    await acceptRequest(space.actor, requestId, "下周一上门");
    await cancelRequest(farmer, requestId);
    expect(await statusOf(requestId)).toBe("CANCELLED");
    expect(await notificationsOf(space.actor.id)).toEqual([
      "service_request.submitted",
      "service_request.cancelled",
    ]);
  });

  it("takes a rating only from the requester, only after completion, and only once", async () => {
    const { space, farmer, requestId } = await createSubmittedRequest();
    expect((await refusal(rateRequest(farmer, requestId, { rating: 5 }))).code).toBe(
      "service_request.not_completed",
    );
    await acceptRequest(space.actor, requestId, "明天上门");
    expect((await refusal(rateRequest(farmer, requestId, { rating: 5 }))).code).toBe(
      "service_request.not_completed",
    );
    await completeRequest(space.actor, requestId);
    expect((await refusal(rateRequest(space.actor, requestId, { rating: 5 }))).code).toBe(
      "service_request.forbidden",
    );
    expect((await refusal(rateRequest(farmer, requestId, { rating: 6 }))).code).toBe(
      "service_request.rating_invalid",
    );
    await rateRequest(farmer, requestId, { rating: 5 });
    expect((await refusal(rateRequest(farmer, requestId, { rating: 1 }))).code).toBe(
      "service_request.already_rated",
    );
    expect(
      await db.serviceRequest.findUniqueOrThrow({ where: { id: requestId }, select: { rating: true } }),
    ).toEqual({ rating: 5 });
  });

  it("is open to villages and farmers only, for published services only, and not refused for a ban", async () => {
    const space = await createSpace();
    const draft = await insertService(
      { organisationId: space.organisation.id, postedById: space.actor.id },
      { status: "DRAFT" },
    );
    const live = await insertService({ organisationId: space.organisation.id, postedById: space.actor.id });
    const farmer = await createFarmer();
    expect((await refusal(requestService(space.actor, live.id, requestFields()))).code).toBe(
      "service_request.forbidden",
    );
    expect((await refusal(requestService(farmer, draft.id, requestFields()))).code).toBe(
      "service_request.service_unavailable",
    );
    expect(
      (await refusal(requestService(farmer, live.id, requestFields({ preferredDate: "2020-01-01" })))).code,
    ).toBe("service_request.preferred_date");
    // A three-year ban (3年内不得承担) bars funded work, not asking a space for help.
    await db.sanction.create({
      data: {
        kind: "BAN",
        userId: farmer.id,
        reason: "虚报项目材料",
        endsAt: new Date(Date.now() + 3 * 365 * 86_400_000),
        createdById: space.actor.id,
      },
    });
    await expect(requestService(farmer, live.id, requestFields())).resolves.toMatchObject({
      id: expect.any(String),
    });
  });
});

describe("the inbox and the requester's list", () => {
  it("shows the space its requests newest first, by status, with counts; the requester sees only theirs", async () => {
    const { space, service, farmer, requestId: first } = await createSubmittedRequest();
    const other = await createFarmer();
    const { id: second } = await requestService(other, service.id, requestFields());
    await acceptRequest(space.actor, first, "周五上门");
    const all = await listSpaceInbox(space.actor);
    expect(all.requests.map((row) => row.id)).toEqual([second, first]);
    expect(all.counts).toEqual({ SUBMITTED: 1, ACCEPTED: 1 });
    const waiting = await listSpaceInbox(space.actor, { status: "SUBMITTED" });
    expect(waiting.requests.map((row) => row.id)).toEqual([second]);
    expect(waiting.requests[0]).toMatchObject({
      service: { title: "食用菌农残与重金属检测" },
      requester: { id: other.id },
    });
    expect((await listMyRequests(farmer)).map((row) => row.id)).toEqual([first]);
    expect((await refusal(listSpaceInbox(farmer))).code).toBe("service_request.forbidden");
  });
});

describe("the routes", () => {
  const context = { cspNonce: "test", clientIp: "10.7.0.1" };
  async function post(path: string, userId: string, fields: [string, string][]) {
    return new Request(`http://localhost:3000${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: {
        cookie: await sessionCookieFor(userId),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  }

  it("files a request through /services/:id/request and answers 400 with field errors when it is too short", async () => {
    const space = await createSpace();
    const service = await insertService({
      organisationId: space.organisation.id,
      postedById: space.actor.id,
    });
    const farmer = await createFarmer();
    const path = `/services/${service.id}/request`;
    const bad = (await requestAction({
      request: await post(path, farmer.id, [
        ["description", "太短"],
        ["countyCode", "410324"],
      ]),
      context,
      params: { id: service.id },
    })) as unknown as {
      data: { error?: Record<string, string[]> };
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.error?.description).toEqual(["spaces.errors.request_description"]);
    expect(await db.serviceRequest.count({ where: { requesterId: farmer.id } })).toBe(0);

    const good = (await requestAction({
      request: await post(path, farmer.id, [
        ["description", "需要检测香菇的农药残留，准备送超市"],
        ["countyCode", "410324"],
        ["audienceGroup", "RETURNING_MIGRANT"],
      ]),
      context,
      params: { id: service.id },
    })) as Response;
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe("/requests");
    expect(await db.serviceRequest.count({ where: { requesterId: farmer.id, serviceId: service.id } })).toBe(
      1,
    );
  });

  it("accepts through the inbox action and refuses another space with 403", async () => {
    const { space, requestId } = await createSubmittedRequest();
    const otherSpace = await createSpace();
    const fields: [string, string][] = [
      ["intent", "accept"],
      ["requestId", requestId],
      ["response", "明天上午来取样"],
    ];
    const refused = (await inboxAction({
      request: await post("/spaces/requests", otherSpace.actor.id, fields),
      context,
      params: {},
    })) as unknown as { init: { status: number } };
    expect(refused.init.status).toBe(403);
    expect(await statusOf(requestId)).toBe("SUBMITTED");
    const response = (await inboxAction({
      request: await post("/spaces/requests", space.actor.id, fields),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(await statusOf(requestId)).toBe("ACCEPTED");
  });
});
