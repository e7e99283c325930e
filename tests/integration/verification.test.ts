import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as submitAction } from "~/routes/account/account.verification";
import { action as reviewAction, loader as reviewLoader } from "~/routes/bureau/bureau.verifications.$id";
import { loader as queueLoader } from "~/routes/bureau/bureau.verifications._index";
import { SubmitVerificationSchema } from "~/modules/verification/verification.schema";
import {
  approveVerification,
  hashIdNumber,
  listVerificationQueue,
  rejectVerification,
  submitOrganisationVerification,
  submitPersonVerification,
  verificationStatusFor,
} from "~/modules/verification/verification.server";
import { getPublisherVerification, isVerifiedViewer } from "~/modules/verification/verified.server";
import { grantSensitiveConsent } from "~/modules/privacy/consents.server";
import { useTestDatabase } from "../support/database";
import {
  context,
  cookieFor,
  createActor as createPlainActor,
  createOrganisationWithMember,
  get,
  meta,
  post,
  type Reply,
} from "../support/profiles-factories";

useTestDatabase();

/**
 * People here have agreed to give their ID number for verification (the separate consent of
 * PIPL art. 29); tests/integration/privacy.test.ts checks the refusal without it.
 */
async function createActor(...args: Parameters<typeof createPlainActor>) {
  const actor = await createPlainActor(...args);
  await grantSensitiveConsent({ userId: actor.id, purpose: "ID_NUMBER" });
  return actor;
}

const VALID_CREDIT_CODE = "91330100716105852F";
const ID_NUMBER = "11010519491231002X";

const orgDetails = (organisationId: string) => ({
  organisationId,
  creditCode: VALID_CREDIT_CODE,
  legalRepresentative: "王建国",
  contactPerson: "李秀英",
  contactPhone: "+8613800000001",
  statement: "栾川县香菇专业合作社，成立于 2015 年，社员 120 户。",
});

const personDetails = {
  realName: "张明",
  idNumber: ID_NUMBER,
  title: "教授",
  employer: "河南科技大学",
  statement: "从事食用菌栽培研究二十年。",
};

function auditActions(subjectId: string) {
  return db.auditLog.findMany({
    where: { subjectId },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true },
  });
}

describe("submitting for verification", () => {
  it("accepts a valid unified social credit code and refuses malformed ones", () => {
    const parse = (creditCode: string) =>
      SubmitVerificationSchema.safeParse({ intent: "organisation", ...orgDetails("org"), creditCode });
    const ok = parse("9144 0300 7152 6726 xg");
    expect(ok.success && ok.data.intent === "organisation" && ok.data.creditCode).toBe("9144030071526726XG");
    for (const bad of [
      "91330100716105852E",
      "9133010071610585",
      "91330100716105852FF",
      "9I330100716105852F",
      "",
    ]) {
      const result = parse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["creditCode"]);
    }
  });

  it("lets a member submit their organisation, once while a request is pending", async () => {
    const { organisation, member } = await createOrganisationWithMember();
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    const request = await db.verificationRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, subject: true, submittedById: true },
    });
    expect(request).toEqual({ status: "PENDING", subject: "ORGANISATION", submittedById: member.id });
    await expect(
      submitOrganisationVerification({ actor: member, details: orgDetails(organisation.id), meta }),
    ).rejects.toMatchObject({
      code: "verification.already_pending",
      status: 409,
    });
    expect(await auditActions(id)).toEqual([{ action: "verification.submitted", actorId: member.id }]);
    expect(await verificationStatusFor({ organisationId: organisation.id })).toMatchObject({
      state: "PENDING",
    });
  });

  it("refuses a submission for an organisation the person does not belong to", async () => {
    const { organisation } = await createOrganisationWithMember();
    const outsider = await createActor("VILLAGE");
    await expect(
      submitOrganisationVerification({ actor: outsider, details: orgDetails(organisation.id), meta }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("never stores the full ID number, only its last four characters and a hash", async () => {
    const expert = await createActor("EXPERT");
    const { id } = await submitPersonVerification({ actor: expert, details: personDetails, meta });
    const { details } = await db.verificationRequest.findUniqueOrThrow({
      where: { id },
      select: { details: true },
    });
    expect(details).toMatchObject({ realName: "张明", idLast4: "002X", idSha256: hashIdNumber(ID_NUMBER) });
    const audits = await db.auditLog.findMany({ select: { before: true, after: true } });
    const everything = JSON.stringify([details, audits]);
    expect(everything).not.toContain(ID_NUMBER);
    expect(everything).not.toContain(ID_NUMBER.slice(0, 14));
  });

  it("answers the account form with field errors, and submits through it", async () => {
    const expert = await createActor("EXPERT");
    const cookie = await cookieFor(expert.id);
    const invalid = (await submitAction({
      request: post(
        "/account/verification",
        { intent: "person", realName: "张明", idNumber: "110105194912310021", statement: "短" },
        cookie,
      ),
      context,
      params: {},
    })) as unknown as Reply;
    expect(invalid.init.status).toBe(400);
    // Experts must name their title and employer; the flag comes from the account, not the form.
    expect(invalid.data.error).toMatchObject({
      idNumber: ["verification.errors.id_number"],
      statement: ["verification.errors.statement_length"],
      title: ["errors.required"],
      employer: ["errors.required"],
    });
    const ok = (await submitAction({
      request: post("/account/verification", { intent: "person", ...personDetails }, cookie),
      context,
      params: {},
    })) as Response;
    expect(ok.status).toBe(302);
    expect(await db.verificationRequest.count({ where: { personId: expert.id, status: "PENDING" } })).toBe(1);
    const again = (await submitAction({
      request: post("/account/verification", { intent: "person", ...personDetails }, cookie),
      context,
      params: {},
    })) as unknown as Reply;
    expect(again.init.status).toBe(409);
  });
});

describe("the bureau's decision", () => {
  it("approves: the organisation is verified, the submitter notified, every change audited", async () => {
    const bureau = await createActor("BUREAU");
    const { organisation, member } = await createOrganisationWithMember();
    expect(await getPublisherVerification({ userId: member.id, organisationId: organisation.id })).toBe(
      false,
    );
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    await approveVerification({ actor: bureau, requestId: id, meta });

    const request = await db.verificationRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, reviewerId: true, decidedAt: true },
    });
    expect(request.status).toBe("APPROVED");
    expect(request.reviewerId).toBe(bureau.id);
    expect(request.decidedAt).toBeInstanceOf(Date);
    const after = await db.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { verifiedAt: true, creditCode: true, legalRepresentative: true },
    });
    expect(after.verifiedAt).toBeInstanceOf(Date);
    // What the bureau checked is what the organisation's contracts state.
    const submitted = orgDetails(organisation.id);
    expect(after).toMatchObject({
      creditCode: submitted.creditCode,
      legalRepresentative: submitted.legalRepresentative,
    });
    expect(await getPublisherVerification({ userId: member.id, organisationId: organisation.id })).toBe(true);
    expect(await isVerifiedViewer(member)).toBe(true);

    const notifications = await db.notification.findMany({
      where: { userId: member.id },
      select: { type: true, payload: true },
    });
    expect(notifications).toEqual([
      {
        type: "verification.approved",
        payload: { params: { subject: organisation.name }, href: "/account/verification" },
      },
    ]);
    expect(await auditActions(id)).toEqual([
      { action: "verification.submitted", actorId: member.id },
      { action: "verification.approved", actorId: bureau.id },
    ]);
    expect(await auditActions(organisation.id)).toEqual([
      { action: "organisation.verified", actorId: bureau.id },
    ]);
  });

  it("rejects with the reason: the submitter is told why and stays unverified", async () => {
    const bureau = await createActor("BUREAU");
    const farmer = await createActor("FARMER", { displayName: "李秀英" });
    const { id } = await submitPersonVerification({
      actor: farmer,
      details: { ...personDetails, title: undefined, employer: undefined },
      meta,
    });
    await rejectVerification({ actor: bureau, requestId: id, reason: "身份证号与姓名不符", meta });

    const person = await db.user.findUniqueOrThrow({
      where: { id: farmer.id },
      select: { verifiedAt: true },
    });
    expect(person.verifiedAt).toBeNull();
    const notifications = await db.notification.findMany({
      where: { userId: farmer.id },
      select: { type: true, payload: true },
    });
    expect(notifications).toEqual([
      {
        type: "verification.rejected",
        payload: {
          params: { subject: "李秀英", reason: "身份证号与姓名不符" },
          href: "/account/verification",
        },
      },
    ]);
    expect(await verificationStatusFor({ personId: farmer.id })).toMatchObject({
      state: "REJECTED",
      reason: "身份证号与姓名不符",
    });
    expect(await auditActions(id)).toEqual([
      { action: "verification.submitted", actorId: farmer.id },
      { action: "verification.rejected", actorId: bureau.id },
    ]);
    // After a rejection the person may correct and submit again.
    await expect(
      submitPersonVerification({ actor: farmer, details: personDetails, meta }),
    ).resolves.toHaveProperty("id");
  });

  it("approving a person verifies the user, and publishing opens to them", async () => {
    const bureau = await createActor("BUREAU");
    const expert = await createActor("EXPERT");
    const { id } = await submitPersonVerification({ actor: expert, details: personDetails, meta });
    await approveVerification({ actor: bureau, requestId: id, meta });
    expect(await getPublisherVerification({ userId: expert.id })).toBe(true);
    expect(await auditActions(expert.id)).toEqual([{ action: "user.verified", actorId: bureau.id }]);
  });

  it("refuses to decide the same request twice", async () => {
    const bureau = await createActor("BUREAU");
    const { organisation, member } = await createOrganisationWithMember();
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    await approveVerification({ actor: bureau, requestId: id, meta });
    await expect(
      rejectVerification({ actor: bureau, requestId: id, reason: "重复", meta }),
    ).rejects.toMatchObject({
      code: "verification.already_decided",
      status: 409,
    });
    const cookie = await cookieFor(bureau.id);
    const viaRoute = (await reviewAction({
      request: post(`/bureau/verifications/${id}`, { intent: "approve" }, cookie),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(viaRoute.init.status).toBe(409);
    expect(await db.notification.count({ where: { userId: member.id } })).toBe(1);
  });

  it("lets only the bureau review", async () => {
    const { organisation, member } = await createOrganisationWithMember();
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    await expect(approveVerification({ actor: member, requestId: id, meta })).rejects.toMatchObject({
      status: 403,
    });
    const cookie = await cookieFor(member.id);
    await expect(
      reviewAction({
        request: post(`/bureau/verifications/${id}`, { intent: "approve" }, cookie),
        context,
        params: { id },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      reviewLoader({ request: get(`/bureau/verifications/${id}`, cookie), context, params: { id } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      queueLoader({ request: get("/bureau/verifications", cookie), context, params: {} }),
    ).rejects.toMatchObject({ status: 403 });
    const still = await db.verificationRequest.findUniqueOrThrow({ where: { id }, select: { status: true } });
    expect(still.status).toBe("PENDING");
  });

  it("requires a reason to reject, through the review page's action", async () => {
    const bureau = await createActor("BUREAU");
    const { organisation, member } = await createOrganisationWithMember();
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    const cookie = await cookieFor(bureau.id);
    const missing = (await reviewAction({
      request: post(`/bureau/verifications/${id}`, { intent: "reject", reason: " " }, cookie),
      context,
      params: { id },
    })) as unknown as Reply;
    expect(missing.init.status).toBe(400);
    expect(missing.data.error?.reason).toEqual(["verification.errors.reason_required"]);
    expect(
      (await db.verificationRequest.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).toBe("PENDING");

    const done = (await reviewAction({
      request: post(
        `/bureau/verifications/${id}`,
        { intent: "reject", reason: "信用代码与名称不符" },
        cookie,
      ),
      context,
      params: { id },
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/bureau/verifications");
    const decided = await db.verificationRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, reason: true },
    });
    expect(decided).toEqual({ status: "REJECTED", reason: "信用代码与名称不符" });
    expect(
      (
        await db.organisation.findUniqueOrThrow({
          where: { id: organisation.id },
          select: { verifiedAt: true },
        })
      ).verifiedAt,
    ).toBeNull();
  });

  it("approves through the review page's action", async () => {
    const bureau = await createActor("BUREAU");
    const { organisation, member } = await createOrganisationWithMember();
    const { id } = await submitOrganisationVerification({
      actor: member,
      details: orgDetails(organisation.id),
      meta,
    });
    const cookie = await cookieFor(bureau.id);
    const response = (await reviewAction({
      request: post(`/bureau/verifications/${id}`, { intent: "approve" }, cookie),
      context,
      params: { id },
    })) as Response;
    expect(response.status).toBe(302);
    expect(
      (
        await db.organisation.findUniqueOrThrow({
          where: { id: organisation.id },
          select: { verifiedAt: true },
        })
      ).verifiedAt,
    ).not.toBeNull();
  });

  it("lists the queue oldest first and filters by subject type", async () => {
    const bureau = await createActor("BUREAU");
    await db.verificationRequest.updateMany({
      where: { status: "PENDING" },
      data: { status: "REJECTED", reason: "清理" },
    });
    const first = await createOrganisationWithMember();
    const a = await submitOrganisationVerification({
      actor: first.member,
      details: orgDetails(first.organisation.id),
      meta,
    });
    const farmer = await createActor("FARMER");
    const b = await submitPersonVerification({
      actor: farmer,
      details: { ...personDetails, title: undefined, employer: undefined },
      meta,
    });
    const second = await createOrganisationWithMember();
    const c = await submitOrganisationVerification({
      actor: second.member,
      details: orgDetails(second.organisation.id),
      meta,
    });

    const all = await listVerificationQueue(bureau, { status: "PENDING" });
    expect(all.map((row) => row.id)).toEqual([a.id, b.id, c.id]);
    const organisations = await listVerificationQueue(bureau, { status: "PENDING", subject: "ORGANISATION" });
    expect(organisations.map((row) => row.id)).toEqual([a.id, c.id]);
    expect(organisations[0]).toMatchObject({
      subjectName: first.organisation.name,
      details: { subject: "ORGANISATION", organisation: { creditCode: VALID_CREDIT_CODE } },
    });

    const cookie = await cookieFor(bureau.id);
    const page = await queueLoader({
      request: get("/bureau/verifications?subject=PERSON", cookie),
      context,
      params: {},
    });
    expect(page.requests.map((row) => row.id)).toEqual([b.id]);
  });
});
