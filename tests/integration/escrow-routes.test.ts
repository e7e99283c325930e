import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  disputeMilestone,
  fundMilestone,
  isMilestoneFile,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import { balanceOf, walletId } from "~/modules/ledger/ledger.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as bureauAction, loader as bureauLoader } from "~/routes/bureau/bureau.disputes";
import { loader as fileLoader } from "~/routes/agreements/agreements.$id.milestones.$milestoneId.files.$uploadId";
import {
  action as milestoneAction,
  loader as milestoneLoader,
} from "~/routes/agreements/agreements.$id.milestones.$milestoneId";
import { getToast } from "~/utils/toast.server";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  createActiveAgreement,
  createBureau,
  deposit,
  jpegFile,
  milestoneStatus,
  payerOwner,
} from "../support/escrow-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-escrow-routes-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.6.0.1" };

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.6.0.1" }));
}

function form(url: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

async function postMilestone(
  agreementId: string,
  milestoneId: string,
  userId: string,
  fields: Record<string, string> | FormData,
) {
  const url = `/agreements/${agreementId}/milestones/${milestoneId}`;
  const cookie = await cookieFor(userId);
  const request =
    fields instanceof FormData
      ? new Request(`http://localhost${url}`, { method: "POST", body: fields, headers: { cookie } })
      : form(url, cookie, fields);
  return (await milestoneAction({ request, params: { id: agreementId, milestoneId }, context })) as Response;
}

/** The toast a redirect carries, read back the way the next page would. */
async function toastOf(response: Response) {
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  return (await getToast(new Request("http://localhost/", { headers: { cookie } }))).toast;
}

type Reply = {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number };
};

describe("the milestone action route", () => {
  it("funds from the form and redirects back to the agreement with a toast", async () => {
    const { agreement, milestones, payer } = await createActiveAgreement({ amounts: [2_000] });
    await deposit(payerOwner(payer), 2_000);
    const response = await postMilestone(agreement.id, milestones[0]!.id, payer.head.id, {
      intent: "fund",
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/agreements/${agreement.id}`);
    expect(await toastOf(response)).toMatchObject({ type: "success", message: "escrow.toast.funded" });
    expect(await milestoneStatus(milestones[0]!.id)).toBe("FUNDED");
  });

  it("takes a multipart delivery with a photo, served to the parties only", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({ amounts: [2_000] });
    await deposit(payerOwner(payer), 2_000);
    const id = milestones[0]!.id;
    await fundMilestone(payer.head, id, randomUUID());
    const body = new FormData();
    body.append("intent", "submit");
    body.append("note", "田间照片见附件");
    body.append("files", await jpegFile("plot.jpg"));
    const response = await postMilestone(agreement.id, id, payee.id, body);
    expect(await toastOf(response)).toMatchObject({ type: "success", message: "escrow.toast.submitted" });
    const file = await db.milestoneFile.findFirstOrThrow({
      where: { submission: { milestoneId: id } },
      select: { uploadId: true, name: true },
    });
    expect(file.name).toBe("plot.jpg");
    expect(await isMilestoneFile(file.uploadId)).toBe(true);

    const get = async (userId: string) =>
      fileLoader({
        request: new Request(
          `http://localhost/agreements/${agreement.id}/milestones/${id}/files/${file.uploadId}`,
          { headers: { cookie: await cookieFor(userId) } },
        ),
        params: { id: agreement.id, milestoneId: id, uploadId: file.uploadId },
        context,
      }).catch((error: unknown) => error as Response);
    const served = await get(payer.head.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toContain("private");
    await served.body?.cancel();
    const stranger = await createUser({ role: "VILLAGE" });
    expect((await get(stranger.id)).status).toBe(404);
  });

  it("sends a form that does not parse back with the schema's message", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({ amounts: [2_000] });
    await deposit(payerOwner(payer), 2_000);
    await fundMilestone(payer.head, milestones[0]!.id, randomUUID());
    await submitMilestone(payee, milestones[0]!.id, { note: "交付", files: [] });
    const response = await postMilestone(agreement.id, milestones[0]!.id, payer.head.id, {
      intent: "reject",
      reason: " ",
    });
    expect(response.headers.get("location")).toBe(`/agreements/${agreement.id}`);
    expect(await toastOf(response)).toMatchObject({
      type: "error",
      message: "escrow.errors.reason_required",
    });
    const unknown = await postMilestone(agreement.id, milestones[0]!.id, payer.head.id, {
      intent: "pay-twice",
    });
    expect(await toastOf(unknown)).toMatchObject({ type: "error" });
    expect(await milestoneStatus(milestones[0]!.id)).toBe("SUBMITTED");
  });

  it("turns refusals into an error toast: wrong side, insufficient funds", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({ amounts: [2_000] });
    await deposit(payerOwner(payer), 150);
    const wrong = await postMilestone(agreement.id, milestones[0]!.id, payee.id, {
      intent: "fund",
      idempotencyKey: randomUUID(),
    });
    expect(await toastOf(wrong)).toMatchObject({ type: "error", message: "escrow.errors.wrong_side" });
    const poor = await postMilestone(agreement.id, milestones[0]!.id, payer.head.id, {
      intent: "fund",
      idempotencyKey: randomUUID(),
    });
    expect(await toastOf(poor)).toEqual({
      type: "error",
      message: "escrow.errors.insufficient_funds",
      params: { amount: "¥20", balance: "¥1.50" },
    });
    expect(await milestoneStatus(milestones[0]!.id)).toBe("PLANNED");
  });

  it("resolves from the agreement page with the split typed in yuan", async () => {
    const { agreement, milestones, payer, payee } = await createActiveAgreement({ amounts: [10_000] });
    await deposit(payerOwner(payer), 10_000);
    const id = milestones[0]!.id;
    await fundMilestone(payer.head, id, randomUUID());
    await disputeMilestone(payer.head, id, "技术方未到现场");
    const bureau = await createBureau();
    const response = await postMilestone(agreement.id, id, bureau.id, {
      intent: "resolve",
      payeeYuan: "30.5",
      note: "按实际工作量裁决",
      idempotencyKey: randomUUID(),
    });
    expect(await toastOf(response)).toMatchObject({ type: "success", message: "escrow.toast.resolved" });
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(3_050);
    expect(await balanceOf(walletId(payerOwner(payer)))).toBe(6_950);
  });

  it("sends a GET back to the agreement page", async () => {
    const response = milestoneLoader({
      request: new Request("http://localhost/agreements/a1/milestones/m1"),
      params: { id: "a1", milestoneId: "m1" },
      context,
    });
    expect(response.headers.get("location")).toBe("/agreements/a1");
  });
});

describe("the bureau's dispute list", () => {
  async function disputed(amountFen = 8_000) {
    const setup = await createActiveAgreement({ amounts: [amountFen] });
    await deposit(payerOwner(setup.payer), amountFen);
    await fundMilestone(setup.payer.head, setup.milestones[0]!.id, randomUUID());
    await disputeMilestone(setup.payee, setup.milestones[0]!.id, "付款方不回应");
    return setup;
  }

  it("lists open disputes to bureau staff only", async () => {
    const { milestones, payer } = await disputed();
    const bureau = await createBureau();
    const request = async (userId: string) =>
      new Request("http://localhost/bureau/disputes", { headers: { cookie: await cookieFor(userId) } });
    const data = await bureauLoader({ request: await request(bureau.id), params: {}, context });
    expect(data.disputes.find((d) => d.id === milestones[0]!.id)).toMatchObject({
      escrowFen: 8_000,
      disputeReason: "付款方不回应",
    });
    expect(data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await bureauLoader({ request: await request(payer.head.id), params: {}, context }).catch(
      (error: unknown) => error as Response,
    );
    expect((refused as Response).status).toBe(403);
  });

  it("answers a bad amount or an out-of-range split on the amount field, then carries out a valid ruling", async () => {
    const { milestones, payee } = await disputed(8_000);
    const id = milestones[0]!.id;
    const bureau = await createBureau();
    const cookie = await cookieFor(bureau.id);
    const post = (fields: Record<string, string>) =>
      bureauAction({
        request: form("/bureau/disputes", cookie, {
          milestoneId: id,
          idempotencyKey: randomUUID(),
          note: "裁决说明",
          ...fields,
        }),
        params: {},
        context,
      });

    const malformed = (await post({ payeeYuan: "1234.345" })) as unknown as Reply;
    expect(malformed.init.status).toBe(400);
    expect(malformed.data.error?.payeeYuan).toEqual(["escrow.errors.amount_invalid"]);
    const tooMuch = (await post({ payeeYuan: "81" })) as unknown as Reply;
    expect(tooMuch.init.status).toBe(400);
    expect(tooMuch.data.error?.payeeYuan).toEqual(["金额需在 0 到 ¥80 之间"]);
    expect(tooMuch.data.initialValue).toMatchObject({ milestoneId: id, payeeYuan: "81" });

    const done = (await post({ payeeYuan: "80" })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/bureau/disputes");
    expect(await milestoneStatus(id)).toBe("RESOLVED");
    expect(await balanceOf(walletId({ userId: payee.id }))).toBe(8_000);
  });
});
