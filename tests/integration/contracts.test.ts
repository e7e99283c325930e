import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getContract } from "~/modules/agreements/agreements.contract.server";
import { getAgreement } from "~/modules/agreements/agreements.queries.server";
import {
  createAgreementFromApplication,
  propose,
  sign,
  updateDraftTerms,
} from "~/modules/agreements/agreements.server";
import { AgreementTerms } from "~/modules/agreements/terms";
import { termsHash } from "~/modules/agreements/terms-hash.server";
import { grantFinance } from "~/modules/wallet/wallet.server";
import { DomainError } from "~/utils/errors";
import { createAcceptedApplication, signedTermsFor } from "../support/agreements-factories";
import { useTestDatabase } from "../support/database";
import { TEST_PASSWORD } from "../support/factories";
import { addMember } from "../support/needs-factories";

useTestDatabase();

async function rejects(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}

async function proposedAgreement() {
  const made = await createAcceptedApplication();
  const { id } = await createAgreementFromApplication(made.payer, made.application.id);
  await updateDraftTerms(made.payer, id, signedTermsFor());
  await propose(made.payer, id);
  return { ...made, id };
}

describe("who signs for an organisation", () => {
  it("refuses a member who is not verified as a person, and says so on the agreement before any password", async () => {
    const { id, organisation } = await proposedAgreement();
    const clerk = await addMember(organisation.id, "VILLAGE");
    expect((await getAgreement(id, clerk)).signRefusal).toBe("agreement.signer_unverified");
    await rejects(sign(clerk, id, TEST_PASSWORD, null), "agreement.signer_unverified");
    expect(await db.agreementSignature.count({ where: { version: { agreementId: id } } })).toBe(0);
  });

  it("refuses a verified member without the signing permission until the administrator grants it", async () => {
    const { id, organisation, payer } = await proposedAgreement();
    const clerk = await addMember(organisation.id, "VILLAGE");
    await db.user.update({ where: { id: clerk.id }, data: { verifiedAt: new Date() } });
    expect((await getAgreement(id, clerk)).signRefusal).toBe("agreement.signer_no_permission");
    await rejects(sign(clerk, id, TEST_PASSWORD, null), "agreement.signer_no_permission");

    await grantFinance(payer, organisation.id, { userId: clerk.id, granted: true, permission: "signing" });
    const membership = await db.membership.findUniqueOrThrow({
      where: { userId_organisationId: { userId: clerk.id, organisationId: organisation.id } },
      select: { signingGrantedAt: true, financeGrantedAt: true },
    });
    expect(membership.signingGrantedAt).not.toBeNull();
    expect(membership.financeGrantedAt).toBeNull();
    expect((await getAgreement(id, clerk)).signRefusal).toBeNull();
    expect(await sign(clerk, id, TEST_PASSWORD, null)).toEqual({ activated: false });
  });

  it("lets a person contracting for themselves sign without any organisation permission", async () => {
    const { id, payer, payee } = await proposedAgreement();
    expect((await getAgreement(id, payee)).signRefusal).toBeNull();
    await sign(payer, id, TEST_PASSWORD, null);
    expect(await sign(payee, id, TEST_PASSWORD, null)).toEqual({ activated: true });
  });
});

describe("the printed contract's parties", () => {
  it("names the organisation with its credit code, address and representative, and a person's ID only masked", async () => {
    const { id, organisation, payer, payee } = await proposedAgreement();
    await db.organisation.update({
      where: { id: organisation.id },
      data: {
        creditCode: "93410324MA0XK0001Q",
        address: "栾川县陶湾镇协心村",
        legalRepresentative: "王建国",
      },
    });
    await db.verificationRequest.create({
      data: {
        subject: "PERSON",
        personId: payee.id,
        submittedById: payee.id,
        status: "APPROVED",
        decidedAt: new Date(),
        details: {
          realName: "张明",
          idLast4: "0025",
          idSha256: "0".repeat(64),
          statement: "本人申请实名认证。",
        },
      },
    });
    const { contract } = await getContract(id, payer);
    expect(contract.payer.organisation).toMatchObject({
      name: organisation.name,
      creditCode: "93410324MA0XK0001Q",
      address: "栾川县陶湾镇协心村",
      legalRepresentative: "王建国",
    });
    expect(contract.payer.person.verified).toBe(true);
    expect(contract.payee.organisation).toBeNull();
    expect(contract.payee.person).toMatchObject({ verified: true, idLast4: "0025" });
  });

  it("says nothing it does not know: no verification, no ID number", async () => {
    const { id, payer, payee } = await proposedAgreement();
    await db.user.update({ where: { id: payee.id }, data: { verifiedAt: null } });
    const { contract } = await getContract(id, payer);
    expect(contract.payee.person).toMatchObject({ verified: false, idLast4: null });
    expect(contract.payer.organisation).toMatchObject({
      creditCode: null,
      address: null,
      legalRepresentative: null,
    });
  });
});

describe("terms signed before the contract clauses existed", () => {
  // A version 1 as stored before this change: no confidentiality, IP, penalty or forum fields.
  const stored = {
    title: "香菇菌棒污染防治技术承包",
    startDate: "2026-03-01",
    endDate: "2026-12-31",
    reviewWindowDays: 14,
    components: [
      {
        type: "TECH_CONTRACT",
        feeFen: 1_200_000,
        milestones: [
          {
            title: "现场诊断",
            deliverables: "诊断报告",
            acceptanceCriteria: "合作社确认",
            amountFen: 1_200_000,
          },
        ],
      },
    ],
  };

  // The hash below is what main computed for these terms before the change (same canonical JSON).
  it("parse to the same object and keep the hash they were signed with", () => {
    const parsed = AgreementTerms.parse(stored);
    expect(parsed).toEqual(stored);
    expect(termsHash(parsed)).toBe(termsHash(stored as AgreementTerms));
    expect(termsHash(parsed)).toBe("7a635e4d0249685d756086f71fb7efe3528cc5e59829fbb578d90f1a05cab370");
  });
});
