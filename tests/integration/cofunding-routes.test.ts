import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { walletId } from "~/modules/ledger/ledger.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action, loader } from "~/routes/agreements/agreements.$id.milestones.$milestoneId_.funders";
import { action as milestoneAction } from "~/routes/agreements/agreements.$id.milestones.$milestoneId";
import { getToast } from "~/utils/toast.server";
import { useTestDatabase } from "../support/database";
import { createCoFundedMilestone, createCoPayProgramme } from "../support/cofunding-factories";
import {
  createActiveAgreement,
  createBureau,
  deposit,
  milestoneStatus,
  payerOwner,
} from "../support/escrow-factories";
import { createUser } from "../support/factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.6.0.1" };
type Reply = { data: { error?: Record<string, string[] | null> }; init: { status: number } };

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
}

async function post(
  url: string,
  userId: string,
  fields: Record<string, string>,
  run: typeof action = action,
  params: Record<string, string> = {},
) {
  const request = new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: await cookieFor(userId), "content-type": "application/x-www-form-urlencoded" },
  });
  return run({ request, params, context });
}

async function get(url: string, userId: string, params: Record<string, string>) {
  const request = new Request(`http://localhost${url}`, { headers: { cookie: await cookieFor(userId) } });
  return loader({ request, params, context });
}

async function toastOf(response: Response) {
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  return (await getToast(new Request("http://localhost/", { headers: { cookie } }))).toast;
}

describe("the payers page", () => {
  it("sets payers from the form in percent, shows them, and funds a share with the page's key", async () => {
    const { agreement, milestones, payer } = await createActiveAgreement({ amounts: [20_000] });
    const programme = await createCoPayProgramme();
    const milestoneId = milestones[0]!.id;
    const url = `/agreements/${agreement.id}/milestones/${milestoneId}/funders`;
    const params = { id: agreement.id, milestoneId };

    const page = await get(url, payer.head.id, params);
    expect(page.view.canEdit).toBe(true);
    expect(page.view.options?.programmes.map((p) => p.accountId)).toContain(programme.accountId);

    const saved = (await post(
      url,
      payer.head.id,
      {
        intent: "set",
        unit: "percent",
        "payers[0].account": walletId(payerOwner(payer)),
        "payers[0].amount": "30",
        "payers[1].account": programme.accountId,
        "payers[1].amount": "70",
      },
      action,
      params,
    )) as Response;
    expect(saved.status).toBe(302);
    expect(await toastOf(saved)).toMatchObject({ message: "cofunding.toast.saved" });

    const after = await get(url, payer.head.id, params);
    expect(after.view.funders.map((f) => [f.kind, f.shareFen, f.shareBp, f.canFund])).toEqual([
      ["payer", 6_000, 3_000, true],
      ["programme", 14_000, 7_000, false],
    ]);
    const staffView = await get(url, programme.bureau.id, params);
    expect(staffView.view.funders.map((f) => f.canFund)).toEqual([false, true]);

    // The single-payer fund button of the agreement page is refused with a pointer to the shares.
    await deposit(payerOwner(payer), 6_000);
    const single = (await post(
      `/agreements/${agreement.id}/milestones/${milestoneId}`,
      payer.head.id,
      { intent: "fund", idempotencyKey: randomUUID() },
      milestoneAction as unknown as typeof action,
      params,
    )) as Response;
    expect(await toastOf(single)).toMatchObject({ type: "error", message: "cofunding.errors.use_shares" });

    const key = randomUUID();
    const funded = (await post(
      url,
      payer.head.id,
      { intent: "fund", funderId: after.view.funders[0]!.id, idempotencyKey: key },
      action,
      params,
    )) as Response;
    expect(await toastOf(funded)).toMatchObject({ message: "cofunding.toast.funded" });
    await post(
      url,
      payer.head.id,
      { intent: "fund", funderId: after.view.funders[0]!.id, idempotencyKey: key },
      action,
      params,
    );
    expect(await db.ledgerTransfer.count({ where: { milestoneId, reason: "MILESTONE_FUND" } })).toBe(1);
    await post(
      url,
      programme.bureau.id,
      { intent: "fund", funderId: after.view.funders[1]!.id, idempotencyKey: randomUUID() },
      action,
      params,
    );
    expect(await milestoneStatus(milestoneId)).toBe("FUNDED");
  });

  it("answers a sum that does not match with the difference on the form, and rows with bad amounts with field errors", async () => {
    const { agreement, milestones, payer } = await createActiveAgreement({ amounts: [10_000] });
    const params = { id: agreement.id, milestoneId: milestones[0]!.id };
    const url = `/agreements/${agreement.id}/milestones/${params.milestoneId}/funders`;
    const own = walletId(payerOwner(payer));
    const mismatch = (await post(
      url,
      payer.head.id,
      { intent: "set", unit: "yuan", "payers[0].account": own, "payers[0].amount": "60" },
      action,
      params,
    )) as unknown as Reply;
    expect(mismatch.init.status).toBe(400);
    expect(mismatch.data.error?.[""]?.[0]).toContain("相差 −¥40");
    const bad = (await post(
      url,
      payer.head.id,
      { intent: "set", unit: "percent", "payers[0].account": own, "payers[0].amount": "130" },
      action,
      params,
    )) as unknown as Reply;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error?.["payers[0].amount"]).toEqual(["cofunding.errors.percent_invalid"]);
    expect(await db.milestoneFunder.count({ where: { milestoneId: params.milestoneId } })).toBe(0);
  });

  it("is closed to people outside the agreement, and lets bureau programme staff read it", async () => {
    const setup = await createCoFundedMilestone();
    const params = { id: setup.agreement.id, milestoneId: setup.milestone.id };
    const url = `/agreements/${params.id}/milestones/${params.milestoneId}/funders`;
    const stranger = await createUser({ role: "VILLAGE" });
    const refused = await get(url, stranger.id, params).catch((response: unknown) => response);
    expect((refused as Response).status).toBe(403);
    const bureau = await createBureau();
    expect((await get(url, bureau.id, params)).view.canEdit).toBe(false);
  });
});
