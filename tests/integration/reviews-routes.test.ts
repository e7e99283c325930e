import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isMessageKey, translate } from "~/i18n/i18n";
import { bureauHub } from "~/modules/bureau/bureau-hub.server";
import { loader as agreementLoader } from "~/routes/agreements/agreements.$id._index";
import { action as reviewAction, loader as reviewLoader } from "~/routes/agreements/agreements.$id_.review";
import { action as moderationAction } from "~/routes/bureau/bureau.reviews";
import { action as singleReviewAction } from "~/routes/profiles/reviews.$id";
import { useTestDatabase } from "../support/database";
import { createBureau, createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createCompletedAgreement } from "../support/reviews-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };

type Reply = { data: { error?: Record<string, string[] | null> }; init: { status: number } };

async function post(userId: string, path: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: await sessionCookieFor(userId), "content-type": "application/x-www-form-urlencoded" },
  });
}

async function get(userId: string, path: string) {
  return new Request(`http://localhost${path}`, { headers: { cookie: await sessionCookieFor(userId) } });
}

const payerForm = {
  "scores.expertise": "5",
  "scores.communication": "4",
  "scores.timeliness": "4",
  "scores.results": "5",
  rating: "5",
  text: "专家多次到棚里指导，污染率明显下降。",
};
const payeeForm = {
  "scores.clarity": "4",
  "scores.cooperation": "5",
  "scores.payment": "5",
  "scores.communication": "4",
  rating: "4",
  text: "合作社配合积极，托管付款及时。",
};

describe("the review page", () => {
  it("answers a half-filled form with translatable field errors and stores nothing", async () => {
    const { agreement, payer } = await createCompletedAgreement();
    const path = `/agreements/${agreement.id}/review`;
    const result = (await reviewAction({
      request: await post(payer.head.id, path, { "scores.expertise": "6", rating: "5", text: "太短" }),
      context,
      params: { id: agreement.id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      "scores.expertise": ["reviews.errors.score_required"],
      "scores.results": ["reviews.errors.score_required"],
      text: ["reviews.errors.text_length"],
    });
    for (const keys of Object.values(result.data.error ?? {})) {
      for (const key of keys ?? []) {
        expect(isMessageKey(key), key).toBe(true);
        expect(translate("zh", key as Parameters<typeof translate>[1])).not.toBe(key);
      }
    }
    expect(await db.review.count({ where: { agreementId: agreement.id } })).toBe(0);
  });

  it("takes both reviews without JavaScript and shows the other's only once both are in", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const path = `/agreements/${agreement.id}/review`;
    const params = { id: agreement.id };

    const panel = (await agreementLoader({
      request: await get(payer.head.id, `/agreements/${agreement.id}`),
      context,
      params,
    })) as { reviewPanel: unknown };
    expect(panel.reviewPanel).toMatchObject({ canWrite: true, mineWaiting: false, published: false });

    const first = (await reviewAction({
      request: await post(payer.head.id, path, payerForm),
      context,
      params,
    })) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(path);
    const waiting = await reviewLoader({ request: await get(payee.id, path), context, params });
    expect(waiting.state).toMatchObject({
      side: "PAYEE",
      canWrite: true,
      otherSubmitted: true,
      theirs: null,
    });
    expect(
      (await reviewLoader({ request: await get(payer.head.id, path), context, params })).state.mine,
    ).toMatchObject({ rating: 5, publishedAt: null });

    const again = (await reviewAction({
      request: await post(payer.head.id, path, payerForm),
      context,
      params,
    })) as unknown as Reply;
    expect(again.init.status).toBe(409);
    expect(again.data.error?.[""]).toEqual([translate("zh", "reviews.errors.duplicate")]);

    expect(
      ((await reviewAction({ request: await post(payee.id, path, payeeForm), context, params })) as Response)
        .status,
    ).toBe(302);
    const both = await reviewLoader({ request: await get(payer.head.id, path), context, params });
    expect(both.state.theirs).toMatchObject({
      rating: 4,
      scores: [
        { criterion: "clarity", score: 4 },
        { criterion: "cooperation", score: 5 },
        { criterion: "payment", score: 5 },
        { criterion: "communication", score: 4 },
      ],
    });
    expect(both.state.canWrite).toBe(false);
  });

  it("refuses someone who is not a side", async () => {
    const { agreement } = await createCompletedAgreement();
    const stranger = await createExpert();
    const thrown = await reviewLoader({
      request: await get(stranger.id, `/agreements/${agreement.id}/review`),
      context,
      params: { id: agreement.id },
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
  });
});

describe("replying, reporting and moderating through the pages", () => {
  it("replies, reports once, and lets staff hide the review with a reason", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const params = { id: agreement.id };
    await reviewAction({
      request: await post(payer.head.id, `/agreements/${agreement.id}/review`, payerForm),
      context,
      params,
    });
    await reviewAction({
      request: await post(payee.id, `/agreements/${agreement.id}/review`, payeeForm),
      context,
      params,
    });
    const review = await db.review.findFirstOrThrow({
      where: { agreementId: agreement.id, authorSide: "PAYER" },
      select: { id: true },
    });
    const reviewParams = { id: review.id };

    const replied = (await singleReviewAction({
      request: await post(payee.id, `/reviews/${review.id}`, {
        intent: "reply",
        reply: "谢谢合作社的信任。",
        redirectTo: `/agreements/${agreement.id}/review`,
      }),
      context,
      params: reviewParams,
    })) as Response;
    expect(replied.headers.get("location")).toBe(`/agreements/${agreement.id}/review`);

    const reporter = await createExpert();
    const report = { intent: "report", reason: "含有不实内容", redirectTo: `/experts/${payee.id}` };
    const reported = (await singleReviewAction({
      request: await post(reporter.id, `/reviews/${review.id}`, report),
      context,
      params: reviewParams,
    })) as Response;
    expect(reported.status).toBe(302);
    expect(reported.headers.get("location")).toBe(`/experts/${payee.id}`);
    const twice = (await singleReviewAction({
      request: await post(reporter.id, `/reviews/${review.id}`, report),
      context,
      params: reviewParams,
    })) as unknown as Reply;
    expect(twice.init.status).toBe(409);
    // A link elsewhere is not followed.
    const offsite = (await singleReviewAction({
      request: await post((await createExpert()).id, `/reviews/${review.id}`, {
        ...report,
        redirectTo: "https://evil.example/",
      }),
      context,
      params: reviewParams,
    })) as Response;
    expect(offsite.headers.get("location")).toBe(`/reviews/${review.id}`);

    const reportId = (
      await db.reviewReport.findFirstOrThrow({
        where: { reviewId: review.id, reporterId: reporter.id },
        select: { id: true },
      })
    ).id;
    const decision = { reportId, decision: "UPHELD", note: "内容不实，予以隐藏" };
    const forbidden = await moderationAction({
      request: await post(reporter.id, "/bureau/reviews", decision),
      context,
      params: {},
    }).catch((e: unknown) => e);
    expect((forbidden as Response).status).toBe(403);
    const staff = await createBureau();
    expect((await bureauHub(staff)).tools).toContainEqual({
      key: "reviews",
      to: "/bureau/reviews",
      show: true,
      waiting: 2,
    });
    const decided = (await moderationAction({
      request: await post(staff.id, "/bureau/reviews", decision),
      context,
      params: {},
    })) as Response;
    expect(decided.headers.get("location")).toBe("/bureau/reviews");
    expect(
      await db.review.findUniqueOrThrow({
        where: { id: review.id },
        select: { hiddenReason: true, reply: true },
      }),
    ).toEqual({ hiddenReason: "内容不实，予以隐藏", reply: "谢谢合作社的信任。" });
  });
});
