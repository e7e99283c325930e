import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getAgreement } from "~/modules/agreements/agreements.queries.server";
import { checkLedgerInvariants, CLEARING, ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import { grantSensitiveConsent, withdrawConsent } from "~/modules/privacy/consents.server";
import { deleteAccount } from "~/modules/privacy/deletion.server";
import { EXPORTS_PER_HOUR, PRIVACY_NOTICE_VERSION } from "~/modules/privacy/policy";
import { getOrganisationPage } from "~/modules/profiles/profiles.server";
import { storeAudio } from "~/modules/uploads/uploads.server";
import { verifyPassword } from "~/modules/users/password.server";
import { createSession } from "~/modules/users/session.server";
import { submitPersonVerification } from "~/modules/verification/verification.server";
import { loader as exportLoader } from "~/routes/account/account.data[.]zip";
import { action as registerAction } from "~/routes/account/register";
import { createSignedAgreement } from "../support/agreements-factories";
import { useTestDatabase } from "../support/database";
import { TEST_PASSWORD, createUser, uniquePhone } from "../support/factories";
import { actorOf, createExpert, createVillage } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-privacy-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const context = { cspNonce: "test", clientIp: "10.9.0.1" };
const meta = { ip: "10.9.0.1" };

function webm(): File {
  const data = new Uint8Array(2048);
  data.set([0x1a, 0x45, 0xdf, 0xa3]);
  return new File([data], "voice.webm", { type: "audio/webm" });
}

function registerForm(fields: Record<string, string>) {
  return registerAction({
    request: new Request("http://localhost/register", {
      method: "POST",
      body: new URLSearchParams({
        role: "FARMER",
        displayName: "王大姐",
        password: "wheat-2026",
        confirmPassword: "wheat-2026",
        ...fields,
      }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    context,
    params: {},
  });
}

describe("consent at registration", () => {
  it("refuses to register without the notice ticked, and creates no account", async () => {
    const phone = uniquePhone();
    const response = (await registerForm({ identifier: phone })) as unknown as { init: { status: number } };
    expect(response.init.status).toBe(400);
    expect(await db.user.count({ where: { phone } })).toBe(0);
  });

  it("records which notice was agreed to and when", async () => {
    const phone = uniquePhone();
    const response = (await registerForm({ identifier: phone, consent: "on" })) as Response;
    expect(response.status).toBe(302);
    const user = await db.user.findUniqueOrThrow({ where: { phone }, select: { id: true } });
    const consents = await db.privacyConsent.findMany({ where: { userId: user.id } });
    expect(consents).toMatchObject([
      { purpose: "NOTICE", noticeVersion: PRIVACY_NOTICE_VERSION, withdrawnAt: null },
    ]);
  });
});

describe("separate consent for sensitive items", () => {
  it("takes no ID number without consent, and none again once it is withdrawn", async () => {
    const expert = await createExpert({ verified: false });
    const details = {
      intent: "person" as const,
      realName: "张三",
      idNumber: "11010519491231002X",
      statement: "我是专家",
    };
    await expect(
      submitPersonVerification({ actor: expert, details: details as never, meta }),
    ).rejects.toMatchObject({
      code: "privacy.consent_required",
    });
    await grantSensitiveConsent({ userId: expert.id, purpose: "ID_NUMBER" });
    await grantSensitiveConsent({ userId: expert.id, purpose: "ID_NUMBER" });
    expect(await db.privacyConsent.count({ where: { userId: expert.id, purpose: "ID_NUMBER" } })).toBe(1);
    await withdrawConsent({ userId: expert.id, purpose: "ID_NUMBER" });
    await expect(
      submitPersonVerification({ actor: expert, details: details as never, meta }),
    ).rejects.toMatchObject({
      code: "privacy.consent_required",
    });
    const audit = await db.auditLog.findMany({ where: { actorId: expert.id }, select: { action: true } });
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["privacy.consent_given", "privacy.consent_withdrawn"]),
    );
  });
});

describe("contact details", () => {
  it("shows an organisation's phone masked to a verified viewer, in full when asked, and logs the view", async () => {
    const { organisation } = await createVillage();
    await db.organisation.update({
      where: { id: organisation.id },
      data: { contactPhone: "+8613800000001", contactEmail: "coop@example.cn" },
    });
    const viewer = await createExpert();
    const masked = await getOrganisationPage(organisation.id, viewer);
    expect(masked.contact).toMatchObject({ phone: "138****0001", email: "c***@example.cn" });
    expect(masked.canRevealContact).toBe(true);
    expect(await db.auditLog.count({ where: { action: "contact.viewed", subjectId: organisation.id } })).toBe(
      0,
    );
    const full = await getOrganisationPage(organisation.id, viewer, { reveal: true, ip: "10.9.0.7" });
    expect(full.contact).toMatchObject({ phone: "+8613800000001", email: "coop@example.cn" });
    const logged = await db.auditLog.findFirstOrThrow({
      where: { action: "contact.viewed", subjectId: organisation.id },
    });
    expect(logged).toMatchObject({
      actorId: viewer.id,
      ip: "10.9.0.7",
      after: { place: "organisation.profile" },
    });
  });

  it("does not reveal to someone who is not entitled, even when asked", async () => {
    const { organisation } = await createVillage();
    await db.organisation.update({
      where: { id: organisation.id },
      data: { contactPhone: "+8613800000002" },
    });
    const unverified = await createExpert({ verified: false });
    expect((await getOrganisationPage(organisation.id, unverified, { reveal: true })).contact).toBeNull();
    expect(await db.auditLog.count({ where: { action: "contact.viewed", subjectId: organisation.id } })).toBe(
      0,
    );
  });
});

describe("download my data", () => {
  it("streams a zip of the person's data and their own voice notes, and limits how often", async () => {
    const person = await createUser({ displayName: "李二哥" });
    const other = await createUser({ displayName: "别人" });
    const voice = await storeAudio({ ownerId: person.id, file: webm() });
    await storeAudio({ ownerId: other.id, file: webm() });
    await grantSensitiveConsent({ userId: person.id, purpose: "VOICE" });
    const cookie = await sessionCookieFor(person.id);
    const download = () =>
      exportLoader({
        request: new Request("http://localhost/account/data.zip", { headers: { cookie } }),
        context,
        params: {},
      });
    const response = await download();
    expect(response.headers.get("content-type")).toBe("application/zip");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const names = Object.keys(zip.files);
    expect(names).toEqual(
      expect.arrayContaining([
        "profile.json",
        "messages.json",
        "agreements.json",
        "wallet.json",
        "consents.json",
        "audit.json",
      ]),
    );
    const profile = JSON.parse(await zip.file("profile.json")!.async("string"));
    expect(profile).toMatchObject({ id: person.id, displayName: "李二哥", phone: person.phone });
    expect(JSON.stringify(profile)).not.toContain("passwordHash");
    const consents = JSON.parse(await zip.file("consents.json")!.async("string"));
    expect(consents).toMatchObject([{ purpose: "VOICE" }]);
    const files = names.filter((name) => name.startsWith("files/") && !name.endsWith("/"));
    expect(files).toEqual([`files/${voice.id}.webm`]);
    expect((await zip.file(files[0]!)!.async("uint8array")).length).toBe(2048);
    for (let i = 1; i < EXPORTS_PER_HOUR; i++) await download();
    await expect(download()).rejects.toMatchObject({ status: 429 });
  });

  it("sends someone who is not logged in to the login page", async () => {
    await expect(
      exportLoader({ request: new Request("http://localhost/account/data.zip"), context, params: {} }),
    ).rejects.toMatchObject({ status: 302 });
  });
});

describe("account deletion", () => {
  it("refuses a wrong password", async () => {
    const user = await createUser();
    await expect(
      deleteAccount({ userId: user.id, password: "nope-2026", ip: "10.9.0.1" }),
    ).rejects.toMatchObject({
      code: "privacy.password_wrong",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeNull();
  });

  it("refuses while the personal wallet holds money", async () => {
    const user = await createUser();
    await db.$transaction(async (tx) =>
      transfer(tx, {
        from: CLEARING,
        to: await ensureWallet(tx, { userId: user.id }),
        amountFen: 500,
        reason: "DEPOSIT",
        memo: "test",
      }),
    );
    await expect(
      deleteAccount({ userId: user.id, password: TEST_PASSWORD, ip: "10.9.0.1" }),
    ).rejects.toMatchObject({
      code: "privacy.wallet_not_empty",
    });
  });

  it("refuses the last administrator of an organisation until they hand over", async () => {
    const { organisation, head } = await createVillage();
    await expect(
      deleteAccount({ userId: head.id, password: TEST_PASSWORD, ip: "10.9.0.1" }),
    ).rejects.toMatchObject({
      code: "privacy.last_administrator",
      params: { organisation: organisation.name },
    });
  });

  it("refuses a party to an agreement in force", async () => {
    const { payee } = await createSignedAgreement({ depositFen: 0 });
    await expect(
      deleteAccount({ userId: payee.id, password: TEST_PASSWORD, ip: "10.9.0.1" }),
    ).rejects.toMatchObject({
      code: "privacy.agreement_in_force",
    });
  });

  it("erases the person, keeps the ledger balanced and the signed contract readable with the name replaced", async () => {
    const { agreement, payer, payee } = await createSignedAgreement({ depositFen: 0 });
    await db.agreement.update({
      where: { id: agreement.id },
      data: { status: "COMPLETED", completedAt: new Date() },
    });
    const before = await db.agreementVersion.findMany({
      where: { agreementId: agreement.id },
      select: { terms: true, termsHash: true, signatures: { select: { userId: true, termsHash: true } } },
    });
    const photo = await storeAudio({ ownerId: payee.id, file: webm() });
    await createSession(payee.id, meta);
    const number = await deleteAccount({ userId: payee.id, password: TEST_PASSWORD, ip: "10.9.0.1" });

    const user = await db.user.findUniqueOrThrow({ where: { id: payee.id } });
    expect(user).toMatchObject({ phone: null, email: null, displayName: `已注销用户 #${number}` });
    expect(user.deletedAt).not.toBeNull();
    expect(await verifyPassword(TEST_PASSWORD, user.passwordHash)).toBe(false);
    expect(await db.session.count({ where: { userId: payee.id } })).toBe(0);
    expect(await db.upload.count({ where: { id: photo.id } })).toBe(0);

    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
    const after = await db.agreementVersion.findMany({
      where: { agreementId: agreement.id },
      select: { terms: true, termsHash: true, signatures: { select: { userId: true, termsHash: true } } },
    });
    expect(after).toEqual(before);
    const contract = await getAgreement(agreement.id, await actorOf(payer.id));
    expect(JSON.stringify(contract)).toContain(`已注销用户 #${number}`);
    await expect(
      deleteAccount({ userId: payee.id, password: TEST_PASSWORD, ip: "10.9.0.1" }),
    ).rejects.toMatchObject({
      code: "privacy.password_wrong",
    });
  });
});
