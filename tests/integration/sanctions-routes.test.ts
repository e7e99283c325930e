import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createSession, serializeSessionCookie } from "~/modules/users/session.server";
import { action as newAction, loader as newLoader } from "~/routes/bureau/bureau.sanctions.new";
import { action as listAction, loader as listLoader } from "~/routes/bureau/bureau.sanctions._index";
import { action as detailAction } from "~/routes/bureau/bureau.sanctions.$id";
import { loader as workspaceLoader } from "~/routes/site/workspace";
import { useTestDatabase } from "../support/database";
import { createDisbursedApplication } from "../support/sanctions-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.7.0.1" };

type Reply = {
  data: {
    intent?: string;
    reply?: { error?: Record<string, string[] | null> };
    error?: Record<string, string[] | null>;
  };
  init: { status: number };
};

async function cookieFor(userId: string) {
  return serializeSessionCookie(await createSession(userId, { ip: "10.7.0.1" }));
}

function post(url: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("/bureau/sanctions pages", () => {
  it("claws back an amount typed in yuan, refusing more than was disbursed on the amount field", async () => {
    const { bureau, application, head } = await createDisbursedApplication({
      disbursedFen: 30_000,
      spentFen: 20_000,
    });
    const cookie = await cookieFor(bureau.id);
    const url = `/bureau/sanctions/new?application=${application.id}`;
    const form = await newLoader({
      request: new Request(`http://localhost${url}`, { headers: { cookie } }),
      params: {},
      context,
    });
    expect(form.application).toMatchObject({
      id: application.id,
      claimableFen: 30_000,
      applicant: { id: head.id },
    });

    const tooMuch = (await newAction({
      request: post(url, cookie, {
        intent: "clawback",
        applicationId: application.id,
        amountYuan: "300.01",
        reason: "挪用专项资金",
      }),
      params: {},
      context,
    })) as unknown as Reply;
    expect(tooMuch.init.status).toBe(409);
    expect(tooMuch.data.reply?.error?.amountYuan?.[0]).toContain("300");

    const done = (await newAction({
      request: post(url, cookie, {
        intent: "clawback",
        applicationId: application.id,
        amountYuan: "300",
        reason: "挪用专项资金",
      }),
      params: {},
      context,
    })) as Response;
    expect(done.status).toBe(302);
    const sanction = await db.sanction.findFirstOrThrow({
      where: { programmeApplicationId: application.id },
      select: { id: true, owedFen: true },
    });
    expect(done.headers.get("location")).toBe(`/bureau/sanctions/${sanction.id}`);
    expect(sanction.owedFen).toBe(20_000);

    const list = await listLoader({
      request: new Request("http://localhost/bureau/sanctions?kind=CLAWBACK", { headers: { cookie } }),
      params: {},
      context,
    });
    expect(list.active.map((s) => s.id)).toEqual([sanction.id]);
    const refused = (await listAction({
      request: post("/bureau/sanctions", cookie, { intent: "collect", sanctionId: sanction.id }),
      params: {},
      context,
    })) as unknown as Reply;
    expect(refused.init.status).toBe(409);

    const villager = await cookieFor(head.id);
    const forbidden = await listLoader({
      request: new Request("http://localhost/bureau/sanctions", { headers: { cookie: villager } }),
      params: {},
      context,
    }).catch((error: unknown) => error as Response);
    expect((forbidden as Response).status).toBe(403);
  });

  it("bans the applicant and their cooperative from the application page, shows it in their workspace, and lifts it", async () => {
    const { bureau, application, head, organisation } = await createDisbursedApplication();
    const cookie = await cookieFor(bureau.id);
    const missingReason = (await newAction({
      request: post("/bureau/sanctions/new", cookie, { intent: "ban", organisationId: organisation.id }),
      params: {},
      context,
    })) as unknown as Reply;
    expect(missingReason.init.status).toBe(400);
    expect(missingReason.data.reply?.error?.reason).toEqual(["sanctions.errors.reason_required"]);

    const done = (await newAction({
      request: post("/bureau/sanctions/new", cookie, {
        intent: "ban",
        applicationId: application.id,
        organisationId: organisation.id,
        userId: head.id,
        reason: "挪用专项资金",
      }),
      params: {},
      context,
    })) as Response;
    expect(done.status).toBe(302);
    const ban = await db.sanction.findFirstOrThrow({
      where: { kind: "BAN" },
      select: { id: true, organisationId: true, userId: true },
    });
    expect(ban).toMatchObject({ organisationId: organisation.id, userId: head.id });

    const villager = await cookieFor(head.id);
    const workspace = await workspaceLoader({
      request: new Request("http://localhost/workspace", { headers: { cookie: villager } }),
      params: {},
      context,
    });
    expect(workspace.bans).toEqual([
      expect.objectContaining({ id: ban.id, reason: "挪用专项资金", personal: true }),
    ]);

    const lifted = (await detailAction({
      request: post(`/bureau/sanctions/${ban.id}`, cookie, {
        intent: "lift",
        sanctionId: ban.id,
        reason: "经复核撤销",
      }),
      params: { id: ban.id },
      context,
    })) as Response;
    expect(lifted.status).toBe(302);
    const after = await workspaceLoader({
      request: new Request("http://localhost/workspace", { headers: { cookie: villager } }),
      params: {},
      context,
    });
    expect(after.bans).toEqual([]);
  });
});
