import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isMessageKey, translate } from "~/i18n/i18n";
import {
  createAgreementFromApplication,
  propose,
  updateDraftTerms,
} from "~/modules/agreements/agreements.server";
import { action as detailAction, loader as detailLoader } from "~/routes/agreements/agreements.$id._index";
import { action as editAction } from "~/routes/agreements/agreements.$id.edit";
import { loader as printLoader } from "~/routes/agreements/agreements.$id.print";
import { action as signAction } from "~/routes/agreements/agreements.$id.sign";
import { action as newAction } from "~/routes/agreements/agreements.new";
import {
  createAcceptedApplication,
  createSignedAgreement,
  signedTermsFor,
} from "../support/agreements-factories";
import { useTestDatabase } from "../support/database";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };

type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

async function post(userId: string, path: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { cookie: await sessionCookieFor(userId), "content-type": "application/x-www-form-urlencoded" },
  });
}

const validForm = {
  title: "香菇菌棒污染防治技术承包",
  startDate: "2026-05-01",
  endDate: "2027-04-30",
  reviewWindowDays: "10",
  "components[0].type": "TECH_CONTRACT",
  "components[0].fee": "12000",
  "components[0].milestones[0].title": "现场诊断",
  "components[0].milestones[0].deliverables": "诊断报告",
  "components[0].milestones[0].acceptanceCriteria": "报告经合作社确认",
  "components[0].milestones[0].amount": "12000",
};

async function draft() {
  const made = await createAcceptedApplication();
  const { id } = await createAgreementFromApplication(made.payer, made.application.id);
  return { ...made, id };
}

const hashOf = async (agreementId: string) =>
  (
    await db.agreementVersion.findFirstOrThrow({
      where: { agreementId },
      orderBy: { version: "desc" },
      select: { termsHash: true },
    })
  ).termsHash;

describe("the terms form", () => {
  it("answers invalid terms with translatable field errors and writes nothing", async () => {
    const { id, payee } = await draft();
    const before = await hashOf(id);
    const result = (await editAction({
      request: await post(payee.id, `/agreements/${id}/edit`, {
        ...validForm,
        title: "协",
        "components[0].fee": "13000",
        "components[0].milestones[0].amount": "12000.001",
        endDate: "2026-01-01",
      }),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      title: ["agreements.errors.title_length"],
      "components[0].milestones[0].amount": ["agreements.errors.money"],
    });
    for (const messages of Object.values(result.data.error ?? {})) {
      for (const key of messages ?? []) {
        expect(isMessageKey(key), key).toBe(true);
        expect(translate("zh", key as Parameters<typeof translate>[1])).not.toBe(key);
      }
    }
    expect(result.data.initialValue).toMatchObject({ startDate: "2026-05-01" });
    expect(await hashOf(id)).toBe(before);
  });

  it("reports the cross-field rules on the fields people typed", async () => {
    const { id, payee } = await draft();
    const before = await hashOf(id);
    const result = (await editAction({
      request: await post(payee.id, `/agreements/${id}/edit`, {
        ...validForm,
        "components[0].fee": "13000",
        endDate: "2026-04-01",
      }),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      "components[0].fee": ["agreements.errors.milestones_sum"],
      endDate: ["agreements.errors.end_before_start"],
    });
    expect(await hashOf(id)).toBe(before);
  });

  it("adds a milestone without JavaScript: the same form comes back with one more, nothing saved", async () => {
    const { id, payer } = await draft();
    const before = await hashOf(id);
    const intent = JSON.stringify({ type: "insert", payload: { name: "components[0].milestones" } });
    const result = (await editAction({
      request: await post(payer.id, `/agreements/${id}/edit`, { ...validForm, __intent__: intent }),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(200);
    const components = result.data.initialValue?.components as { milestones: unknown[] }[];
    expect(components[0]!.milestones).toHaveLength(2);
    expect(await hashOf(id)).toBe(before);
  });

  it("adds an arrangement without JavaScript, with its starting values", async () => {
    const { id, payer } = await draft();
    const add = (defaultValue: unknown) =>
      JSON.stringify({ type: "insert", payload: { name: "components", defaultValue } });
    const share = (await editAction({
      request: await post(payer.id, `/agreements/${id}/edit`, {
        ...validForm,
        __intent__: add({ type: "REVENUE_SHARE", sharePercent: "10", base: "REVENUE" }),
      }),
      context,
      params: { id },
    })) as unknown as Reply;
    expect((share.data.initialValue?.components as unknown[])[1]).toMatchObject({
      type: "REVENUE_SHARE",
      sharePercent: "10",
      base: "REVENUE",
    });
    const contract = (await editAction({
      request: await post(payer.id, `/agreements/${id}/edit`, {
        ...validForm,
        __intent__: add({ type: "PAID_SERVICE", milestones: [{}] }),
      }),
      context,
      params: { id },
    })) as unknown as Reply;
    // One empty milestone to fill in.
    const added = (contract.data.initialValue?.components as { type: string; milestones: unknown[] }[])[1]!;
    expect(added.type).toBe("PAID_SERVICE");
    expect(added.milestones).toHaveLength(1);
  });

  it("saves valid terms in fen and returns to the agreement", async () => {
    const { id, payer } = await draft();
    const response = (await editAction({
      request: await post(payer.id, `/agreements/${id}/edit`, validForm),
      context,
      params: { id },
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/agreements/${id}`);
    const version = await db.agreementVersion.findFirstOrThrow({
      where: { agreementId: id },
      select: { terms: true },
    });
    expect(version.terms).toMatchObject({
      reviewWindowDays: 10,
      components: [{ feeFen: 1_200_000, milestones: [{ amountFen: 1_200_000 }] }],
    });
  });
});

describe("drafting from the buttons", () => {
  it("opens a new draft at its terms, and the existing one on a second press", async () => {
    const { payer, payee, application } = await createAcceptedApplication();
    const fields = {
      source: "application",
      applicationId: application.id,
      redirectTo: `/needs/x/applications`,
    };
    const first = (await newAction({
      request: await post(payer.id, "/agreements/new", fields),
      context,
      params: {},
    })) as Response;
    expect(first.headers.get("location")).toMatch(/^\/agreements\/\w+\/edit$/);
    const id = first.headers.get("location")!.split("/")[2]!;
    const second = (await newAction({
      request: await post(payee.id, "/agreements/new", fields),
      context,
      params: {},
    })) as Response;
    expect(second.headers.get("location")).toBe(`/agreements/${id}`);
  });

  it("sends people back with the reason when the application is not accepted", async () => {
    const { payer, application } = await createAcceptedApplication();
    await db.application.update({ where: { id: application.id }, data: { status: "SUBMITTED" } });
    const response = (await newAction({
      request: await post(payer.id, "/agreements/new", {
        source: "application",
        applicationId: application.id,
        redirectTo: "/workspace",
      }),
      context,
      params: {},
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/workspace");
    expect(await db.agreement.count({ where: { applicationId: application.id } })).toBe(0);
  });
});

describe("signing and terminating", () => {
  it("refuses a wrong password on the password field, without echoing it", async () => {
    const { id, payer, payee } = await draft();
    await updateDraftTerms(payer, id, signedTermsFor());
    await propose(payer, id);
    const result = (await signAction({
      request: await post(payee.id, `/agreements/${id}/sign`, {
        password: "wrong-password-1",
        termsHash: await hashOf(id),
      }),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(403);
    expect(result.data.error?.password).toEqual([translate("zh", "agreements.errors.password_wrong")]);
    expect(JSON.stringify(result.data)).not.toContain("wrong-password-1");
    expect(await db.agreementSignature.count({ where: { version: { agreementId: id } } })).toBe(0);
  });

  it("needs a reason to terminate", async () => {
    const { agreement, payer } = await createSignedAgreement({ depositFen: 0 });
    const result = (await detailAction({
      request: await post(payer.id, `/agreements/${agreement.id}`, { intent: "terminate", reason: "" }),
      context,
      params: { id: agreement.id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error?.reason).toEqual(["agreements.errors.reason_required"]);
    expect(
      (await db.agreement.findUniqueOrThrow({ where: { id: agreement.id }, select: { status: true } }))
        .status,
    ).toBe("ACTIVE");
  });

  it("shows the agreement in force with the milestones and revenue panels' data and a fresh key", async () => {
    const { agreement, payer, milestones } = await createSignedAgreement({
      milestones: [100_000, 200_000],
      revenueShare: {},
      depositFen: 0,
    });
    const load = async () =>
      detailLoader({
        request: new Request(`http://localhost/agreements/${agreement.id}`, {
          headers: { cookie: await sessionCookieFor(payer.id) },
        }),
        context,
        params: { id: agreement.id },
      });
    const first = await load();
    expect(first.page.inForce?.version).toBe(1);
    expect(first.milestones?.map((m) => m.id)).toEqual(milestones.map((m) => m.id));
    expect(first.revenue).not.toBeNull();
    expect((await load()).idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it("prints the version in force with its signatures", async () => {
    const { agreement, payer } = await createSignedAgreement({ milestones: [1_200_000], depositFen: 0 });
    const request = new Request(`http://localhost/agreements/${agreement.id}/print`, {
      headers: { cookie: await sessionCookieFor(payer.id) },
    });
    const { view } = await printLoader({ request, context, params: { id: agreement.id } });
    expect(view.version).toMatchObject({ version: 1, status: "SIGNED" });
    expect(view.version.signatures.map((s) => s.party).sort()).toEqual(["PAYEE", "PAYER"]);
  });
});
