import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { createNeed } from "~/modules/needs/needs.server";
import {
  STALE_SENDING_MS,
  backoffMs,
  deliverDueNotifications,
  type Senders,
} from "~/modules/notifications/delivery.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { saveNotificationPreferences } from "~/modules/notifications/preferences.server";
import { NotificationPreferencesSchema } from "~/modules/notifications/notifications.schema";
import { sendMail } from "~/modules/outbound/mail.server";
import { devSmsProvider } from "~/modules/outbound/sms.server";
import { processOutbox, rebuildIndexes } from "~/modules/search/indexer.server";
import { runSavedSearchAlerts, saveSearch } from "~/modules/search/saved-searches.server";
import { SearchParamsSchema } from "~/modules/search/search.schema";
import { action, loader } from "~/routes/account/account.notifications";
import { useTestDatabase } from "../support/database";
import { createUser, uniquePhone } from "../support/factories";
import { createExpert, createVillage, meta, needFields } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { startSmtpSink } from "../support/smtp-sink";

const smtp = await startSmtpSink();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://xk.example.cn";
useTestDatabase();
afterAll(() => smtp.stop());

beforeAll(async () => {
  await rebuildIndexes(getSearchEngine());
});

const senders: Senders = { sms: devSmsProvider, mail: sendMail };
/** Clocks in Luoyang time, after the rows' creation so that they are due. */
const at = (luoyang: string) => new Date(`${luoyang}+08:00`);
const NOON = at("2030-06-01T12:00:00");

const textsTo = (phone: string) =>
  db.devSmsMessage.findMany({ where: { phone }, select: { body: true }, orderBy: { id: "asc" } });

async function personWithPhoneAndEmail(email?: string) {
  const user = await createUser({ role: "EXPERT" });
  const phone = uniquePhone();
  await db.user.update({ where: { id: user.id }, data: { phone, email: email ?? null } });
  return { id: user.id, phone };
}

async function notify(item: NewNotification) {
  const [row] = await db.$transaction((tx) => createNotifications(tx, [item]));
  return row!;
}

const dispatchesOf = (notificationId: string) =>
  db.notificationDispatch.findMany({
    where: { notificationId },
    select: { channel: true, status: true, attempts: true, lastError: true, nextAttemptAt: true },
  });

describe("saved-search alerts by text message", () => {
  it("reach the person's phone exactly once, however often and concurrently the job runs", async () => {
    const expert = await createExpert();
    const { phone } = await db.user.findUniqueOrThrow({ where: { id: expert.id }, select: { phone: true } });
    await saveSearch(expert.id, SearchParamsSchema.parse({ q: "牡丹", county: "410311" }), "洛龙区 牡丹");
    const { organisation, head } = await createVillage();
    await createNeed({
      actor: head,
      organisationId: organisation.id,
      fields: needFields({ title: "牡丹籽油压榨工艺", countyCode: "410311" }),
      photos: [],
      publish: true,
      meta,
    });
    await processOutbox(getSearchEngine());
    expect(await runSavedSearchAlerts()).toBe(1);

    await Promise.all([
      deliverDueNotifications(NOON, senders),
      deliverDueNotifications(NOON, senders),
      deliverDueNotifications(NOON, senders),
    ]);
    await deliverDueNotifications(NOON, senders);
    await deliverDueNotifications(new Date(NOON.getTime() + 86_400_000), senders);

    const texts = await textsTo(phone!);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toMatch(
      /^【乡科】您保存的搜索「洛龙区 牡丹」有 1 条新结果 https:\/\/xk\.example\.cn\/search\?/,
    );
    expect([...texts[0]!.body].length).toBeLessThanOrEqual(134);
  });
});

describe("e-mail", () => {
  it("goes through the SMTP server in the person's language, with the link", async () => {
    const person = await personWithPhoneAndEmail("grower@example.cn");
    await db.user.update({ where: { id: person.id }, data: { locale: "en" } });
    const notification = await notify({
      userId: person.id,
      type: "wallet.withdrawal_paid",
      params: { amount: "¥1,200.00" },
      href: "/wallet",
    });
    const mail = smtp.next();
    const outcome = await deliverDueNotifications(NOON, senders);
    expect(outcome.sent).toBe(2);
    const received = await mail;
    expect(received.to).toEqual(["grower@example.cn"]);
    expect(received.text).toContain("Hello 测试用户,");
    expect(received.text).toContain("https://xk.example.cn/wallet");
    expect(received.text).toContain("https://xk.example.cn/account/notifications");
    expect((await dispatchesOf(notification.id)).map((d) => d.status)).toEqual(["SENT", "SENT"]);
  });
});

describe("quiet hours", () => {
  it("hold a text message until they end, while e-mail goes at once", async () => {
    const person = await personWithPhoneAndEmail("night@example.cn");
    const notification = await notify({
      userId: person.id,
      type: "milestone.released",
      params: { milestone: "现场诊断", agreement: "香菇技术服务" },
      href: "/agreements/x",
    });
    await deliverDueNotifications(at("2030-06-01T23:10:00"), senders);
    expect(await textsTo(person.phone)).toHaveLength(0);
    const waiting = (await dispatchesOf(notification.id)).find((d) => d.channel === "SMS")!;
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(waiting.nextAttemptAt).toEqual(at("2030-06-02T07:30:00"));

    await deliverDueNotifications(at("2030-06-02T07:29:00"), senders);
    expect(await textsTo(person.phone)).toHaveLength(0);
    await deliverDueNotifications(at("2030-06-02T07:30:00"), senders);
    expect(await textsTo(person.phone)).toHaveLength(1);
  });
});

describe("failures", () => {
  it("retry after a provider error, with a backoff", async () => {
    const person = await personWithPhoneAndEmail();
    const notification = await notify({
      userId: person.id,
      type: "wallet.withdrawal_rejected",
      params: { amount: "¥50.00", reason: "账户名不符" },
      href: "/wallet",
    });
    const failing: Senders = {
      ...senders,
      sms: {
        ...devSmsProvider,
        sendNotice: () => Promise.reject(new Error("aliyun SMS answered HTTP 503")),
      },
    };
    expect(await deliverDueNotifications(NOON, failing)).toMatchObject({ retrying: 1, sent: 0 });
    expect(await dispatchesOf(notification.id)).toEqual([
      expect.objectContaining({ status: "PENDING", attempts: 1, lastError: "aliyun SMS answered HTTP 503" }),
    ]);
    expect(await deliverDueNotifications(new Date(NOON.getTime() + 1000), senders)).toMatchObject({
      sent: 0,
    });
    const later = new Date(NOON.getTime() + backoffMs(1));
    expect(await deliverDueNotifications(later, senders)).toMatchObject({ sent: 1 });
    expect(await textsTo(person.phone)).toHaveLength(1);
    expect(await dispatchesOf(notification.id)).toEqual([
      expect.objectContaining({ status: "SENT", attempts: 2 }),
    ]);
  });

  it("never resend a text whose sender died after claiming it: it becomes UNCERTAIN", async () => {
    const person = await personWithPhoneAndEmail();
    const notification = await notify({
      userId: person.id,
      type: "sanction.clawback",
      params: { programme: "香菇示范", amount: "¥3,000.00", reason: "未按期完成" },
    });
    await db.notificationDispatch.updateMany({
      where: { notificationId: notification.id },
      data: { status: "SENDING", attempts: 1, claimedAt: NOON },
    });
    await deliverDueNotifications(new Date(NOON.getTime() + STALE_SENDING_MS - 1000), senders);
    expect((await dispatchesOf(notification.id))[0]!.status).toBe("SENDING");
    const outcome = await deliverDueNotifications(
      new Date(NOON.getTime() + STALE_SENDING_MS + 1000),
      senders,
    );
    expect(outcome).toMatchObject({ uncertain: 1, sent: 0 });
    expect((await dispatchesOf(notification.id))[0]!.status).toBe("UNCERTAIN");
    await deliverDueNotifications(new Date(NOON.getTime() + 86_400_000), senders);
    expect(await textsTo(person.phone)).toHaveLength(0);
  });
});

describe("preferences", () => {
  it("queue nothing on a channel the person turned off, and cancel what waits on it", async () => {
    const person = await personWithPhoneAndEmail();
    const queued = await notify({ userId: person.id, type: "triage.assigned", params: { need: "香菇" } });
    expect(await dispatchesOf(queued.id)).toHaveLength(1);
    await saveNotificationPreferences(person.id, NotificationPreferencesSchema.parse({ sms: ["money"] }));
    const after = await notify({ userId: person.id, type: "triage.assigned", params: { need: "牡丹" } });
    expect(await dispatchesOf(after.id)).toHaveLength(0);
    await deliverDueNotifications(NOON, senders);
    expect((await dispatchesOf(queued.id))[0]!.status).toBe("CANCELLED");
    expect(await textsTo(person.phone)).toHaveLength(0);
  });
});

describe("the settings page", () => {
  const context = { cspNonce: "test", clientIp: "10.1.0.1" };
  const request = (cookie: string, body?: URLSearchParams) =>
    new Request("http://localhost:3000/account/notifications", {
      method: body ? "POST" : "GET",
      body,
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost:3000",
      },
    });

  it("shows the defaults, and saves a plain form post (no JavaScript)", async () => {
    const person = await personWithPhoneAndEmail();
    const cookie = await sessionCookieFor(person.id);
    const shown = await loader({ request: request(cookie), context, params: {} });
    expect(shown).toMatchObject({
      hasPhone: true,
      hasEmail: false,
      defaults: { quiet: "on", quietStart: "21:30", quietEnd: "07:30" },
    });
    expect(shown.defaults.sms).toEqual([
      "money",
      "decisions",
      "applications",
      "agreements",
      "alerts",
      "work",
    ]);

    const form = new URLSearchParams([
      ["sms", "money"],
      ["sms", "decisions"],
      ["quiet", "on"],
      ["quietStart", "22:00"],
      ["quietEnd", "06:30"],
    ]);
    const saved = (await action({ request: request(cookie, form), context, params: {} })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/account/notifications");
    expect(
      await db.notificationPreference.findUniqueOrThrow({
        where: { userId: person.id },
        select: { channels: true, quietStart: true, quietEnd: true },
      }),
    ).toMatchObject({
      channels: { money: ["SMS"], decisions: ["SMS"], alerts: [] },
      quietStart: 1320,
      quietEnd: 390,
    });
  });

  it("answers 400 with a translated field error for a bad time", async () => {
    const person = await personWithPhoneAndEmail();
    const cookie = await sessionCookieFor(person.id);
    const form = new URLSearchParams([
      ["quiet", "on"],
      ["quietStart", "25:00"],
      ["quietEnd", "06:30"],
      ["sms", "nonsense"],
    ]);
    const reply = (await action({ request: request(cookie, form), context, params: {} })) as unknown as {
      init: { status: number };
      data: { error: Record<string, string[]> };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error.quietStart).toEqual(["notifications.prefs.timeInvalid"]);
    expect(await db.notificationPreference.count({ where: { userId: person.id } })).toBe(0);
  });
});
