import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { issueAssistedCode } from "~/modules/recovery/assisted.server";
import {
  ForgotPasswordSchema,
  IssueRecoveryCodeSchema,
  ResetPasswordSchema,
} from "~/modules/recovery/recovery.schema";
import {
  CODE_TTL_MINUTES,
  MAX_CODE_FAILURES_PER_ACCOUNT,
  requestPasswordReset,
  resetPassword,
} from "~/modules/recovery/recovery.server";
import { mailConfigured } from "~/modules/outbound/mail.server";
import { logIn } from "~/modules/users/auth.server";
import { getSessionUser } from "~/modules/users/session.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { DomainError } from "~/utils/errors";
import { FOUNDER, TEST_PASSWORD, createOrganisation, createUser, uniquePhone } from "../support/factories";
import { useTestDatabase } from "../support/database";
import { startSmtpSink } from "../support/smtp-sink";

const smtp = await startSmtpSink();
process.env.SMTP_URL = smtp.url;
useTestDatabase();
afterAll(() => smtp.stop());

const NEW_PASSWORD = "mushroom-2027";
const meta = { ip: "10.70.0.1", origin: "http://localhost:3000" };
const identifier = (value: string) => ForgotPasswordSchema.parse({ identifier: value }).identifier;
const withCode = (account: string, code: string) =>
  ResetPasswordSchema.parse({
    method: "code",
    identifier: account,
    code,
    newPassword: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
  });
const logInWith = (account: string, password: string, ip = "10.70.9.9") =>
  logIn(LoginSchema.parse({ identifier: account, password }), { ip });

async function lastDevSms(phone: string): Promise<string> {
  const message = await db.devSmsMessage.findFirstOrThrow({
    where: { phone },
    orderBy: { id: "desc" },
    select: { body: true },
  });
  return /验证码 (\d{6})/.exec(message.body)![1]!;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof DomainError ? error.code : String(error);
}

beforeAll(() => {
  expect(mailConfigured()).toBe(true);
});

describe("recovery by e-mail", () => {
  it("sends a link through SMTP that sets a new password once and ends every session", async () => {
    const user = await createUser({ email: "farmer@example.cn" });
    const here = await logInWith("farmer@example.cn", TEST_PASSWORD);
    const mail = smtp.next();
    await requestPasswordReset(identifier("farmer@example.cn"), meta);
    const received = await mail;
    expect(received.to).toEqual(["farmer@example.cn"]);
    const token = /\/reset-password\?token=([\w-]{43})/.exec(received.text)![1]!;
    const reset = ResetPasswordSchema.parse({
      method: "link",
      token,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    await resetPassword(reset, meta);
    expect(await getSessionUser(here.sessionId)).toBeNull();
    await expect(logInWith("farmer@example.cn", NEW_PASSWORD)).resolves.toHaveProperty("sessionId");
    expect(await refusal(resetPassword(reset, meta))).toBe("recovery.link_invalid");
    const stored = await db.recoveryCode.findFirstOrThrow({
      where: { userId: user.id },
      select: { codeHash: true },
    });
    expect(stored.codeHash).not.toContain(token);
    expect(await db.auditLog.count({ where: { subjectId: user.id, action: "user.password_reset" } })).toBe(1);
  });

  it("answers an unknown account as it answers a known one, and sends nothing", async () => {
    const before = smtp.received.length;
    const codesBefore = await db.recoveryCode.count();
    await expect(requestPasswordReset(identifier("nobody@example.cn"), meta)).resolves.toBeUndefined();
    await expect(requestPasswordReset(identifier(uniquePhone()), meta)).resolves.toBeUndefined();
    expect(smtp.received.length).toBe(before);
    expect(await db.recoveryCode.count()).toBe(codesBefore);
  });
});

describe("recovery by text message (the development provider)", () => {
  it("records a code that resets the password once; a reused code is refused", async () => {
    const user = await createUser();
    await requestPasswordReset(identifier(user.phone!), meta);
    const code = await lastDevSms(user.phone!);
    await resetPassword(withCode(user.phone!, code), meta);
    await expect(logInWith(user.phone!, NEW_PASSWORD)).resolves.toHaveProperty("sessionId");
    expect(await refusal(resetPassword(withCode(user.phone!, code), meta))).toBe("recovery.code_invalid");
  });

  it("refuses an expired code", async () => {
    const user = await createUser();
    await requestPasswordReset(identifier(user.phone!), meta);
    const code = await lastDevSms(user.phone!);
    await db.recoveryCode.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(resetPassword(withCode(user.phone!, code), meta))).toBe("recovery.code_invalid");
    await expect(logInWith(user.phone!, TEST_PASSWORD)).resolves.toHaveProperty("sessionId");
  });

  it(`ends the account's codes after ${MAX_CODE_FAILURES_PER_ACCOUNT} wrong ones and then waits`, async () => {
    const user = await createUser();
    await requestPasswordReset(identifier(user.phone!), meta);
    const code = await lastDevSms(user.phone!);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_CODE_FAILURES_PER_ACCOUNT; i++)
      expect(await refusal(resetPassword(withCode(user.phone!, wrong), { ip: `10.71.0.${i}` }))).toBe(
        "recovery.code_invalid",
      );
    expect(await refusal(resetPassword(withCode(user.phone!, code), { ip: "10.71.1.1" }))).toBe(
      "recovery.throttled",
    );
    expect(await db.recoveryCode.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } })).toBe(
      0,
    );
  });

  it("sends at most three codes per account in a window, answering the same", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++)
      await requestPasswordReset(identifier(user.phone!), { ...meta, ip: `10.72.0.${i}` });
    expect(await db.devSmsMessage.count({ where: { phone: user.phone! } })).toBe(3);
  });
});

describe("assisted recovery", () => {
  async function memberOfOrganisation() {
    const organisation = await createOrganisation();
    const administrator = await createUser({ role: "VILLAGE" });
    const member = await createUser({ role: "VILLAGE" });
    await db.membership.createMany({
      data: [
        { userId: administrator.id, organisationId: organisation.id, role: "VILLAGE", ...FOUNDER },
        { userId: member.id, organisationId: organisation.id, role: "VILLAGE" },
      ],
    });
    const actor = (user: { id: string }) => ({
      id: user.id,
      primaryRole: "VILLAGE" as const,
      memberships: [{ organisationId: organisation.id, role: "VILLAGE" as const }],
    });
    return { administrator: actor(administrator), member, plainMember: actor(member) };
  }

  const issue = (account: string) =>
    IssueRecoveryCodeSchema.parse({ identifier: account, identityCheck: "当面查看身份证", confirmed: "on" });

  it("lets the organisation's administrator issue a code the member resets with, audited without the code", async () => {
    const { administrator, member } = await memberOfOrganisation();
    const session = await logInWith(member.phone!, TEST_PASSWORD);
    const issued = await issueAssistedCode(administrator, issue(member.phone!), meta);
    expect(issued.code).toMatch(/^\d{8}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(CODE_TTL_MINUTES * 60_000);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.recovery_code_issued", subjectId: member.id },
      select: { actorId: true, after: true },
    });
    expect(audit.actorId).toBe(administrator.id);
    expect(JSON.stringify(audit.after)).toContain("当面查看身份证");
    expect(JSON.stringify(audit.after)).not.toContain(issued.code);
    await resetPassword(withCode(member.phone!, issued.code), meta);
    expect(await getSessionUser(session.sessionId)).toBeNull();
    await expect(logInWith(member.phone!, NEW_PASSWORD)).resolves.toHaveProperty("sessionId");
  });

  it("refuses members who administer nothing, outsiders and staff accounts alike", async () => {
    const { administrator, member, plainMember } = await memberOfOrganisation();
    const outsider = await createUser();
    const bureau = await createUser({ role: "BUREAU" });
    expect(await refusal(issueAssistedCode(plainMember, issue(outsider.phone!), meta))).toBe(
      "recovery.user_not_found",
    );
    expect(await refusal(issueAssistedCode(administrator, issue(outsider.phone!), meta))).toBe(
      "recovery.user_not_found",
    );
    const bureauActor = { id: bureau.id, primaryRole: "BUREAU" as const, memberships: [] };
    await expect(issueAssistedCode(bureauActor, issue(member.phone!), meta)).resolves.toHaveProperty("code");
    const otherStaff = await createUser({ role: "BUREAU" });
    expect(await refusal(issueAssistedCode(bureauActor, issue(otherStaff.phone!), meta))).toBe(
      "recovery.user_not_found",
    );
  });
});
