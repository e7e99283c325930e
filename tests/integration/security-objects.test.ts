import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { storeImage } from "~/modules/uploads/uploads.server";
import { loader as agreementLoader } from "~/routes/agreements/agreements.$id._index";
import { loader as milestoneFileLoader } from "~/routes/agreements/agreements.$id.milestones.$milestoneId.files.$uploadId";
import { loader as fundersLoader } from "~/routes/agreements/agreements.$id.milestones.$milestoneId_.funders";
import { loader as apiAgreementLoader } from "~/routes/api/v1/api.v1.agreements.$id";
import { loader as apiMessagesLoader } from "~/routes/api/v1/api.v1.conversations.$id.messages";
import { loader as apiStatementLoader } from "~/routes/api/v1/api.v1.wallets.$accountId.statement";
import { loader as conversationLoader } from "~/routes/messages/messages.$id";
import { loader as webhooksLoader } from "~/routes/profiles/orgs.$id_.webhooks";
import { loader as deliveriesLoader } from "~/routes/profiles/orgs.$id_.webhooks_.$endpointId";
import { loader as programmeApplicationLoader } from "~/routes/programmes/programmes.applications.$id";
import { loader as evidenceLoader } from "~/routes/programmes/programmes.applications.$id_.evidence.$uploadId";
import { loader as publicUploadLoader } from "~/routes/site/uploads.$id";
import { loader as walletLoader } from "~/routes/wallet/wallet.$accountId";
import { loader as statementCsvLoader } from "~/routes/wallet/wallet.$accountId_.statement[.]csv";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { buildSecurityWorld } from "../support/security-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-security-objects-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Loader = (args: LoaderFunctionArgs) => unknown;
let requests = 0;

async function statusOf(
  loader: Loader,
  url: string,
  params: Record<string, string>,
  cookie: string,
): Promise<number> {
  requests += 1;
  const request = new Request(`http://localhost:3000${url}`, { headers: { cookie } });
  try {
    const result = await loader({
      request,
      params,
      context: { cspNonce: "test", clientIp: `10.78.0.${requests}` },
    });
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

let world: Awaited<ReturnType<typeof buildSecurityWorld>>;
let memberOfA: string;
let memberOfB: string;
let milestoneUpload: string;
let evidenceUpload: string;

beforeAll(async () => {
  world = await buildSecurityWorld();
  memberOfA = world.cookies.VILLAGE;
  memberOfB = await sessionCookieFor(world.orgB.head.id);
  // A delivery photo on A's milestone and an evidence photo on A's programme application.
  const milestoneFile = await storeImage({ ownerId: world.expert.id, file: await jpegFile("delivery.jpg") });
  await db.milestoneSubmission.create({
    data: {
      milestoneId: world.ids.milestone!,
      note: "交付",
      submittedById: world.expert.id,
      files: { create: { uploadId: milestoneFile.id, name: "delivery.jpg" } },
    },
  });
  milestoneUpload = milestoneFile.id;
  const evidence = await storeImage({ ownerId: world.village.id, file: await jpegFile("evidence.jpg") });
  await db.programmeEvidence.create({
    data: { applicationId: world.ids.programmeApplication!, uploadId: evidence.id },
  });
  evidenceUpload = evidence.id;
}, 120_000);

/** What organisation A's own records are, as [what, loader, url, params]. */
function recordsOfA(): [string, Loader, string, Record<string, string>][] {
  const { agreement, milestone, wallet, orgA, webhook, programmeApplication, conversation } =
    world.ids as Record<string, string>;
  return [
    ["the wallet statement", walletLoader, `/wallet/${wallet}`, { accountId: wallet }],
    [
      "the wallet statement as CSV",
      statementCsvLoader,
      `/wallet/${wallet}/statement.csv`,
      { accountId: wallet },
    ],
    [
      "the wallet statement from the API",
      apiStatementLoader,
      `/api/v1/wallets/${wallet}/statement`,
      { accountId: wallet },
    ],
    ["the agreement", agreementLoader, `/agreements/${agreement}`, { id: agreement }],
    ["the agreement from the API", apiAgreementLoader, `/api/v1/agreements/${agreement}`, { id: agreement }],
    [
      "the milestone's funders",
      fundersLoader,
      `/agreements/${agreement}/milestones/${milestone}/funders`,
      { id: agreement, milestoneId: milestone },
    ],
    [
      "a milestone delivery photo",
      milestoneFileLoader,
      `/agreements/${agreement}/milestones/${milestone}/files/${milestoneUpload}`,
      { id: agreement, milestoneId: milestone, uploadId: milestoneUpload },
    ],
    ["the webhooks", webhooksLoader, `/orgs/${orgA}/webhooks`, { id: orgA }],
    [
      "a webhook's deliveries",
      deliveriesLoader,
      `/orgs/${orgA}/webhooks/${webhook}`,
      { id: orgA, endpointId: webhook },
    ],
    [
      "the programme application",
      programmeApplicationLoader,
      `/programmes/applications/${programmeApplication}`,
      { id: programmeApplication },
    ],
    [
      "the application's evidence photo",
      evidenceLoader,
      `/programmes/applications/${programmeApplication}/evidence/${evidenceUpload}`,
      { id: programmeApplication, uploadId: evidenceUpload },
    ],
    ["the agreement's conversation", conversationLoader, `/messages/${conversation}`, { id: conversation }],
    [
      "the conversation from the API",
      apiMessagesLoader,
      `/api/v1/conversations/${conversation}/messages`,
      { id: conversation },
    ],
  ];
}

describe("object-level checks: organisation B's member changing ids", () => {
  it("reads each of organisation A's records as A's member (the control)", async () => {
    for (const [what, loader, url, params] of recordsOfA()) {
      expect(await statusOf(loader, url, params, memberOfA), what).toBe(200);
    }
  });

  it("is refused each of organisation A's records with 403 or 404", async () => {
    for (const [what, loader, url, params] of recordsOfA()) {
      expect([403, 404], what).toContain(await statusOf(loader, url, params, memberOfB));
    }
  });

  it("cannot reach A's webhook endpoint through B's own organisation path", async () => {
    const { orgB, webhook } = world.ids as Record<string, string>;
    expect(await statusOf(webhooksLoader, `/orgs/${orgB}/webhooks`, { id: orgB }, memberOfB)).toBe(200);
    expect([403, 404]).toContain(
      await statusOf(
        deliveriesLoader,
        `/orgs/${orgB}/webhooks/${webhook}`,
        { id: orgB, endpointId: webhook },
        memberOfB,
      ),
    );
  });

  it("never gets private photos from the public upload route", async () => {
    for (const uploadId of [milestoneUpload, evidenceUpload]) {
      expect(await statusOf(publicUploadLoader, `/uploads/${uploadId}`, { id: uploadId }, memberOfB)).toBe(
        404,
      );
    }
  });
});
