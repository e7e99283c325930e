import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { RETENTION_DAYS } from "~/modules/privacy/policy";
import { enforceRetention } from "~/modules/privacy/retention.jobs.server";
import { storeAudio } from "~/modules/uploads/uploads.server";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";

useTestDatabase();

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "xiangke-retention-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2030-06-01T00:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

function webm(): File {
  const data = new Uint8Array(1024);
  data.set([0x1a, 0x45, 0xdf, 0xa3]);
  return new File([data], "voice.webm", { type: "audio/webm" });
}

async function directVoiceNote(senderId: string, otherId: string, createdAt: Date) {
  const upload = await storeAudio({ ownerId: senderId, file: webm() });
  await db.upload.update({ where: { id: upload.id }, data: { createdAt } });
  const conversation = await db.conversation.create({
    data: {
      kind: "DIRECT",
      directKey: [senderId, otherId, upload.id].join(":"),
      members: { create: [{ userId: senderId }, { userId: otherId }] },
    },
    select: { id: true },
  });
  await db.message.create({
    data: {
      id: upload.id,
      conversationId: conversation.id,
      seq: 1,
      senderId,
      clientId: upload.id,
      body: "",
      attachmentId: upload.id,
      createdAt,
    },
  });
  return upload.id;
}

describe("retention rules", () => {
  it("erases audit rows, login attempts and chat voice notes past their periods and keeps the rest", async () => {
    const user = await createUser();
    const other = await createUser();
    const subject = { subjectType: "Test", subjectId: user.id, action: "test.kept" };
    await db.auditLog.createMany({
      data: [
        { ...subject, action: "test.old", createdAt: daysBefore(RETENTION_DAYS.audit + 1) },
        { ...subject, createdAt: daysBefore(RETENTION_DAYS.audit - 1) },
      ],
    });
    await db.loginAttempt.createMany({
      data: [
        {
          identifier: user.phone!,
          ip: "10.9.1.1",
          succeeded: false,
          createdAt: daysBefore(RETENTION_DAYS.loginAttempts + 1),
        },
        {
          identifier: user.phone!,
          ip: "10.9.1.1",
          succeeded: true,
          createdAt: daysBefore(RETENTION_DAYS.loginAttempts - 1),
        },
      ],
    });
    const oldNote = await directVoiceNote(user.id, other.id, daysBefore(RETENTION_DAYS.voiceNotes + 1));
    const freshNote = await directVoiceNote(user.id, other.id, daysBefore(RETENTION_DAYS.voiceNotes - 1));

    const erased = await enforceRetention(NOW);

    expect(erased).toMatchObject({ auditRows: 1, loginAttempts: 1, voiceNotes: 1 });
    expect(await db.auditLog.findMany({ where: { subjectId: user.id }, select: { action: true } })).toEqual([
      { action: "test.kept" },
    ]);
    expect(await db.loginAttempt.count({ where: { identifier: user.phone! } })).toBe(1);
    expect(await db.upload.count({ where: { id: oldNote } })).toBe(0);
    expect(await db.message.findUniqueOrThrow({ where: { id: oldNote } })).toMatchObject({
      attachmentId: null,
    });
    expect(await db.upload.count({ where: { id: freshNote } })).toBe(1);
    expect(await enforceRetention(NOW)).toMatchObject({ auditRows: 0, loginAttempts: 0, voiceNotes: 0 });
  });

  it("removes a deleted account's row after its period only when nothing kept refers to it", async () => {
    const gone = await createUser();
    const recent = await createUser();
    const referenced = await createUser();
    for (const [user, days] of [
      [gone, RETENTION_DAYS.deletedAccounts + 1],
      [recent, RETENTION_DAYS.deletedAccounts - 1],
      [referenced, RETENTION_DAYS.deletedAccounts + 1],
    ] as const) {
      await db.user.update({ where: { id: user.id }, data: { deletedAt: daysBefore(days), phone: null } });
      await db.accountDeletion.create({ data: { userId: user.id, deletedAt: daysBefore(days) } });
    }
    await db.ledgerAccount.create({
      data: { id: `wallet:user:${referenced.id}`, kind: "WALLET", userId: referenced.id },
    });

    const erased = await enforceRetention(NOW);

    expect(erased.deletedAccounts).toBe(1);
    expect(await db.user.count({ where: { id: gone.id } })).toBe(0);
    expect(await db.user.count({ where: { id: recent.id } })).toBe(1);
    expect(await db.user.count({ where: { id: referenced.id } })).toBe(1);
  });
});
