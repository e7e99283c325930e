import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  getAgreement,
  getAgreementVersion,
  listEquityRegister,
  listMine,
} from "~/modules/agreements/agreements.queries.server";
import {
  createAgreementFromApplication,
  createAgreementFromOffer,
  decline,
  propose,
  proposeAmendment,
  sign,
  terminate,
  updateDraftTerms,
} from "~/modules/agreements/agreements.server";
import { termsHash } from "~/modules/agreements/terms-hash.server";
import { AgreementTerms } from "~/modules/agreements/terms";
import {
  balanceOf,
  checkLedgerInvariants,
  ensureAccount,
  escrowId,
  transfer,
} from "~/modules/ledger/ledger.server";
import { DomainError } from "~/utils/errors";
import {
  createAcceptedApplication,
  createSignedAgreement,
  signedTermsFor,
} from "../support/agreements-factories";
import { useTestDatabase } from "../support/database";
import { FREE_FAILURES_PER_PAIR } from "~/modules/users/throttle.server";
import { TEST_PASSWORD } from "../support/factories";
import { createBureau, createExpert, createVillage } from "../support/needs-factories";
import { insertOffer } from "../support/offers-factories";

useTestDatabase();

async function rejects(promise: Promise<unknown>, code: string, params?: Record<string, unknown>) {
  await expect(promise).rejects.toSatisfy(
    (error) =>
      error instanceof DomainError &&
      error.code === code &&
      (!params || Object.entries(params).every(([k, v]) => error.params?.[k] === v)),
  );
}

async function versions(agreementId: string) {
  return db.agreementVersion.findMany({
    where: { agreementId },
    select: { version: true, status: true, termsHash: true, note: true },
    orderBy: { version: "asc" },
  });
}

/** An agreement drafted and edited to `terms`, proposed by the payer. */
async function proposed(options: Parameters<typeof signedTermsFor>[0] = {}) {
  const made = await createAcceptedApplication();
  const { id } = await createAgreementFromApplication(made.payer, made.application.id);
  await updateDraftTerms(made.payer, id, signedTermsFor(options));
  await propose(made.payer, id);
  return { ...made, id };
}

/** Puts a milestone's money in escrow the way ESCROW does, straight through the ledger. */
async function fund(milestoneId: string, from: string, amountFen: number) {
  await db.$transaction(async (tx) => {
    const escrow = await ensureAccount(tx, { id: escrowId(milestoneId), kind: "ESCROW", milestoneId });
    await transfer(tx, { from, to: escrow, amountFen, reason: "MILESTONE_FUND", milestoneId });
    await tx.milestone.update({
      where: { id: milestoneId },
      data: { status: "FUNDED", fundedAt: new Date() },
    });
  });
}

describe("drafting", () => {
  it("drafts one agreement per accepted application, numbered XK-<year>-<6 digits>, with default terms", async () => {
    const { payer, payee, organisation, application } = await createAcceptedApplication({
      priceFen: 1_200_000,
    });
    const first = await createAgreementFromApplication(payee, application.id, { ip: "10.6.0.1" });
    const again = await createAgreementFromApplication(payer, application.id);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const agreement = await db.agreement.findUniqueOrThrow({
      where: { id: first.id },
      select: {
        number: true,
        status: true,
        payerUserId: true,
        payerOrganisationId: true,
        payeeUserId: true,
        createdById: true,
      },
    });
    expect(agreement).toEqual({
      number: expect.stringMatching(/^XK-20\d{2}-\d{6}$/),
      status: "DRAFT",
      payerUserId: payer.id,
      payerOrganisationId: organisation.id,
      payeeUserId: payee.id,
      createdById: payee.id,
    });
    const [version] = await db.agreementVersion.findMany({
      where: { agreementId: first.id },
      select: { version: true, status: true, terms: true, termsHash: true },
    });
    const terms = AgreementTerms.parse(version!.terms);
    expect(version).toMatchObject({ version: 1, status: "DRAFT", termsHash: termsHash(terms) });
    expect(terms.components).toMatchObject([
      { type: "TECH_CONTRACT", feeFen: 1_200_000, milestones: [{ amountFen: 1_200_000 }] },
    ]);
    expect(await db.auditLog.count({ where: { subjectId: first.id, action: "agreement.created" } })).toBe(1);
  });

  it("refuses an application not yet accepted, and people who are not on it", async () => {
    const { payer, application } = await createAcceptedApplication();
    const stranger = await createExpert();
    await rejects(createAgreementFromApplication(stranger, application.id), "agreement.forbidden");
    await db.application.update({ where: { id: application.id }, data: { status: "SHORTLISTED" } });
    await rejects(
      createAgreementFromApplication(payer, application.id),
      "agreement.application_not_accepted",
    );
    expect(await db.agreement.count({ where: { applicationId: application.id } })).toBe(0);
  });

  it("gives agreements created at the same moment different, consecutive numbers", async () => {
    const made = await Promise.all([
      createAcceptedApplication(),
      createAcceptedApplication(),
      createAcceptedApplication(),
    ]);
    const created = await Promise.all(
      made.map((m) => createAgreementFromApplication(m.payer, m.application.id)),
    );
    const numbers = (
      await db.agreement.findMany({
        where: { id: { in: created.map((c) => c.id) } },
        select: { number: true },
      })
    )
      .map((a) => Number(a.number.slice(-6)))
      .sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers[2]! - numbers[0]!).toBe(2);
  });

  it("lets a cooperative draft from a published offer, but not the offer's own expert", async () => {
    const { organisation, head } = await createVillage();
    const expert = await createExpert();
    const offer = await insertOffer(
      { expertId: expert.id, postedById: expert.id },
      { arrangements: ["PAID_SERVICE"], priceMinFen: 300_000 },
    );
    const { id } = await createAgreementFromOffer(head, offer.id);
    expect(
      await db.agreement.findUniqueOrThrow({
        where: { id },
        select: { offerId: true, payerUserId: true, payerOrganisationId: true, payeeUserId: true },
      }),
    ).toEqual({
      offerId: offer.id,
      payerUserId: head.id,
      payerOrganisationId: organisation.id,
      payeeUserId: expert.id,
    });
    await rejects(createAgreementFromOffer(expert, offer.id), "agreement.payer_only");
  });
});

describe("editing, proposing and sending back", () => {
  it("lets either side edit the draft and refuses invalid terms, writing nothing", async () => {
    const { payer, payee, application } = await createAcceptedApplication();
    const { id } = await createAgreementFromApplication(payer, application.id);
    const [before] = await versions(id);
    const wrongSum = signedTermsFor({ milestones: [100_000, 200_000] });
    (wrongSum.components[0] as { feeFen: number }).feeFen = 250_000;
    await rejects(updateDraftTerms(payee, id, wrongSum), "agreement.terms_invalid");
    expect((await versions(id))[0]!.termsHash).toBe(before!.termsHash);
    const terms = { ...signedTermsFor({ milestones: [100_000, 200_000] }), title: "香菇技术承包（修订）" };
    await updateDraftTerms(payee, id, terms);
    expect((await versions(id))[0]!.termsHash).toBe(termsHash(terms));
    expect((await db.agreement.findUniqueOrThrow({ where: { id }, select: { title: true } })).title).toBe(
      "香菇技术承包（修订）",
    );
  });

  it("refuses to propose incomplete terms (equity without enterprise or valuation)", async () => {
    const { payee, application } = await createAcceptedApplication({ arrangement: "TECH_EQUITY" });
    const { id } = await createAgreementFromApplication(payee, application.id);
    await rejects(propose(payee, id), "agreement.terms_invalid");
    expect((await db.agreement.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "DRAFT",
    );
  });

  it("freezes the terms when proposed and tells the other side", async () => {
    const { id, payee } = await proposed();
    expect(await versions(id)).toMatchObject([{ version: 1, status: "PROPOSED" }]);
    expect((await db.agreement.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "PROPOSED",
    );
    await rejects(
      updateDraftTerms(payee, id, signedTermsFor({ milestones: [5_000] })),
      "agreement.not_draft",
    );
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: payee.id, type: "agreement.proposed" },
      select: { payload: true },
    });
    expect(notice.payload).toMatchObject({ href: `/agreements/${id}/sign` });
  });

  it("withdraws a proposal sent back and opens a draft copy of it", async () => {
    const { id, payer, payee } = await proposed();
    await decline(payee, id, "请把第一期金额调低");
    const [v1, v2] = await versions(id);
    expect(v1).toMatchObject({ status: "WITHDRAWN" });
    expect(v2).toMatchObject({
      version: 2,
      status: "DRAFT",
      termsHash: v1!.termsHash,
      note: "请把第一期金额调低",
    });
    expect((await db.agreement.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "DRAFT",
    );
    expect(await db.notification.count({ where: { userId: payer.id, type: "agreement.declined" } })).toBe(1);
  });
});

describe("signing", () => {
  it("checks the signer's password under the password guard: after repeated guesses even the right one waits", async () => {
    const { id, payee } = await proposed();
    for (let i = 0; i <= FREE_FAILURES_PER_PAIR; i++)
      await rejects(sign(payee, id, `guess-${i}-pass`, "10.6.0.30"), "agreement.password_wrong");
    await rejects(sign(payee, id, TEST_PASSWORD, "10.6.0.30"), "auth.throttled");
    expect(await db.agreementSignature.count({ where: { version: { agreementId: id } } })).toBe(0);
  });

  it("refuses a wrong password and records no signature", async () => {
    const { id, payee } = await proposed();
    await rejects(sign(payee, id, "not-my-password", "10.6.0.9"), "agreement.password_wrong");
    expect(await db.agreementSignature.count({ where: { version: { agreementId: id } } })).toBe(0);
    expect(
      await db.auditLog.count({
        where: { subjectId: id, action: "agreement.sign_refused", actorId: payee.id },
      }),
    ).toBe(1);
  });

  it("refuses a signature on terms other than those the signer was shown", async () => {
    const { id, payee } = await proposed();
    await rejects(sign(payee, id, TEST_PASSWORD, "10.6.0.9", "0".repeat(64)), "agreement.terms_changed");
  });

  it("puts the agreement in force when both have signed: hash, milestones and equity recorded", async () => {
    const { id, payer, payee } = await proposed({
      milestones: [300_000, 900_000],
      equity: { equityBp: 750 },
    });
    const [version] = await versions(id);
    expect(await sign(payer, id, TEST_PASSWORD, "10.6.0.1")).toEqual({ activated: false });
    expect(await db.milestone.count({ where: { agreementId: id } })).toBe(0);
    await rejects(sign(payer, id, TEST_PASSWORD, "10.6.0.1"), "agreement.already_signed");
    expect(await sign(payee, id, TEST_PASSWORD, "10.6.0.2")).toEqual({ activated: true });

    const agreement = await db.agreement.findUniqueOrThrow({
      where: { id },
      select: { status: true, activatedAt: true },
    });
    expect(agreement.status).toBe("ACTIVE");
    expect(agreement.activatedAt).not.toBeNull();
    const signatures = await db.agreementSignature.findMany({
      where: { version: { agreementId: id } },
      select: { party: true, userId: true, termsHash: true, ip: true },
      orderBy: { party: "asc" },
    });
    expect(signatures).toEqual([
      { party: "PAYER", userId: payer.id, termsHash: version!.termsHash, ip: "10.6.0.1" },
      { party: "PAYEE", userId: payee.id, termsHash: version!.termsHash, ip: "10.6.0.2" },
    ]);
    expect((await versions(id))[0]!.status).toBe("SIGNED");
    expect(
      await db.milestone.findMany({
        where: { agreementId: id },
        select: { position: true, amountFen: true, status: true },
        orderBy: { position: "asc" },
      }),
    ).toEqual([
      { position: 1, amountFen: 300_000, status: "PLANNED" },
      { position: 2, amountFen: 900_000, status: "PLANNED" },
    ]);
    expect(
      await db.equityHolding.findMany({
        where: { agreementId: id },
        select: { holderUserId: true, percentBp: true, status: true, valuationFen: true },
      }),
    ).toEqual([{ holderUserId: payee.id, percentBp: 750, status: "ACTIVE", valuationFen: 50_000_000n }]);
    expect(
      await db.notification.count({
        where: { type: "agreement.active", userId: { in: [payer.id, payee.id] } },
      }),
    ).toBe(2);
    const register = await listEquityRegister();
    expect(
      register.find((e) => e.name === "栾川协心菌业有限公司")?.holdings.map((h) => h.agreement.id),
    ).toContain(id);
  });

  it("lets both sign at the same moment: both signatures land and the agreement activates once", async () => {
    const { id, payer, payee } = await proposed({ milestones: [100_000, 200_000] });
    const results = await Promise.all([
      sign(payer, id, TEST_PASSWORD, "10.6.0.1"),
      sign(payee, id, TEST_PASSWORD, "10.6.0.2"),
    ]);
    expect(results.filter((r) => r.activated)).toHaveLength(1);
    expect(await db.agreementSignature.count({ where: { version: { agreementId: id } } })).toBe(2);
    expect(await db.auditLog.count({ where: { subjectId: id, action: "agreement.activated" } })).toBe(1);
    expect(await db.milestone.count({ where: { agreementId: id } })).toBe(2);
  });
});

describe("amendments", () => {
  it("makes version 2 that both sign again, keeping version 1 readable", async () => {
    const { agreement, payer, payee, milestones } = await createSignedAgreement({
      milestones: [100_000, 200_000],
      equity: {},
    });
    const id = agreement.id;
    const v1 = (await versions(id))[0]!;
    expect(await proposeAmendment(payee, id, "增加一期培训")).toEqual({ version: 2 });
    await rejects(proposeAmendment(payer, id, undefined), "agreement.amendment_open");
    const amended = signedTermsFor({ milestones: [100_000, 250_000, 50_000], equity: { equityBp: 800 } });
    await updateDraftTerms(payee, id, amended);
    await propose(payee, id);
    await sign(payer, id, TEST_PASSWORD, "10.6.0.1");
    await sign(payee, id, TEST_PASSWORD, "10.6.0.2");

    expect((await versions(id)).map((v) => [v.version, v.status])).toEqual([
      [1, "SUPERSEDED"],
      [2, "SIGNED"],
    ]);
    expect((await db.agreement.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "ACTIVE",
    );
    const old = await getAgreementVersion(id, payer, 1);
    expect(old.version).toMatchObject({ status: "SUPERSEDED", termsHash: v1.termsHash });
    expect(old.version.terms.components[0]).toMatchObject({ feeFen: 300_000 });
    const rows = await db.milestone.findMany({
      where: { agreementId: id },
      select: { id: true, amountFen: true },
      orderBy: { position: "asc" },
    });
    expect(rows.map((r) => r.amountFen)).toEqual([100_000, 250_000, 50_000]);
    expect(rows[1]!.id).toBe(milestones[1]!.id);
    expect(
      await db.equityHolding.findMany({
        where: { agreementId: id },
        select: { percentBp: true, status: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { percentBp: 500, status: "SUPERSEDED" },
      { percentBp: 800, status: "ACTIVE" },
    ]);
  });

  it("refuses, at proposal, an amendment that changes or removes a funded milestone", async () => {
    const { agreement, payer, milestones, payerWallet } = await createSignedAgreement({
      milestones: [100_000, 200_000],
    });
    const id = agreement.id;
    await fund(milestones[0]!.id, payerWallet, 100_000);
    await proposeAmendment(payer, id, undefined);

    await updateDraftTerms(payer, id, signedTermsFor({ milestones: [150_000, 150_000] }));
    await rejects(propose(payer, id), "agreement.milestone_locked", { position: 1, title: "里程碑 1" });
    await updateDraftTerms(payer, id, signedTermsFor({ milestones: [], revenueShare: {} }));
    await rejects(propose(payer, id), "agreement.milestone_locked", { position: 1 });
    expect((await versions(id)).at(-1)!.status).toBe("DRAFT");

    // Changing only the milestone not yet funded is fine.
    await updateDraftTerms(payer, id, signedTermsFor({ milestones: [100_000, 180_000] }));
    await propose(payer, id);
    expect((await versions(id)).at(-1)!.status).toBe("PROPOSED");
  });
});

describe("termination", () => {
  it("refunds escrowed money to the payer, withdraws open versions and ends equity, in one go", async () => {
    const { agreement, payer, payee, milestones, payerWallet } = await createSignedAgreement({
      milestones: [100_000, 200_000],
      equity: {},
    });
    const id = agreement.id;
    await fund(milestones[0]!.id, payerWallet, 100_000);
    expect(await balanceOf(payerWallet)).toBe(200_000);
    await proposeAmendment(payer, id, undefined);

    await terminate(payee, id, "合作社决定停止该项目");
    const after = await db.agreement.findUniqueOrThrow({
      where: { id },
      select: { status: true, terminationReason: true, terminatedAt: true },
    });
    expect(after).toMatchObject({ status: "TERMINATED", terminationReason: "合作社决定停止该项目" });
    expect(await balanceOf(payerWallet)).toBe(300_000);
    expect(await balanceOf(escrowId(milestones[0]!.id))).toBe(0);
    expect(
      (await db.milestone.findUniqueOrThrow({ where: { id: milestones[0]!.id }, select: { status: true } }))
        .status,
    ).toBe("REFUNDED");
    expect((await versions(id)).map((v) => v.status)).toEqual(["SIGNED", "WITHDRAWN"]);
    expect(await db.equityHolding.findMany({ where: { agreementId: id }, select: { status: true } })).toEqual(
      [{ status: "ENDED" }],
    );
    expect(await db.notification.count({ where: { userId: payer.id, type: "agreement.terminated" } })).toBe(
      1,
    );
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
    await rejects(terminate(payer, id, "再次终止"), "agreement.invalid_transition");
  });
});

describe("reading agreements", () => {
  it("shows an agreement to its parties and bureau staff only, and lists what awaits each party", async () => {
    const { id, payer, payee } = await proposed();
    const stranger = await createExpert();
    await rejects(getAgreement(id, stranger), "agreement.not_found");
    const bureau = await getAgreement(id, await createBureau());
    expect(bureau.party).toBeNull();
    expect(bureau.can).toEqual({
      edit: false,
      propose: false,
      decline: false,
      sign: false,
      amend: false,
      terminate: false,
      chat: false,
    });
    const page = await getAgreement(id, payee);
    expect(page.party).toBe("PAYEE");
    expect(page.can).toMatchObject({ sign: true, decline: true, edit: false, chat: true });
    expect((await listMine(payee)).find((a) => a.agreement.id === id)).toMatchObject({
      awaitingMe: true,
      party: "PAYEE",
    });
    expect((await listMine(payer)).find((a) => a.agreement.id === id)).toMatchObject({
      awaitingMe: true,
      party: "PAYER",
    });
  });
});
