import { describe, expect, it } from "vitest";
import { escrowMessagesZh } from "./escrow.messages";
import { escrowMessagesEn } from "./escrow.messages.en";
import { MAX_SUBMISSION_FILES, MilestoneActionSchema, ResolveDisputeSchema } from "./escrow.schema";

const KEY = "8c1f2a9e-5d4b-4c3a-9e1f-0a2b3c4d5e6f";
const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("the milestone action schema", () => {
  it("reads a ruling in yuan into fen, zero included, and refuses a third decimal", () => {
    expect(
      MilestoneActionSchema.parse({
        intent: "resolve",
        idempotencyKey: KEY,
        payeeYuan: "1,234.5",
        note: "按工作量",
      }),
    ).toMatchObject({ payeeYuan: 123_450 });
    expect(
      ResolveDisputeSchema.parse({ milestoneId: "m1", idempotencyKey: KEY, payeeYuan: "0", note: "全部退回" })
        .payeeYuan,
    ).toBe(0);
    expect(
      issues(
        ResolveDisputeSchema.safeParse({
          milestoneId: "m1",
          idempotencyKey: KEY,
          payeeYuan: "1234.005",
          note: "裁决",
        }),
      ),
    ).toEqual(["escrow.errors.amount_invalid"]);
    expect(
      issues(
        ResolveDisputeSchema.safeParse({
          milestoneId: "m1",
          idempotencyKey: KEY,
          payeeYuan: "-3",
          note: "裁决",
        }),
      ),
    ).toEqual(["escrow.errors.amount_invalid"]);
  });

  it("requires a key on money-moving intents and a reason on rejections", () => {
    expect(issues(MilestoneActionSchema.safeParse({ intent: "fund" }))).toEqual([
      "ledger.errors.idempotency_key",
    ]);
    expect(issues(MilestoneActionSchema.safeParse({ intent: "accept", idempotencyKey: "short" }))).toEqual([
      "ledger.errors.idempotency_key",
    ]);
    expect(issues(MilestoneActionSchema.safeParse({ intent: "reject", reason: " x " }))).toEqual([
      "escrow.errors.reason_required",
    ]);
    expect(MilestoneActionSchema.safeParse({ intent: "release-everything" }).success).toBe(false);
  });

  it("keeps the photos of a delivery, drops empty file inputs and refuses too many", () => {
    const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0])], "a.jpg", { type: "image/jpeg" });
    const parsed = MilestoneActionSchema.parse({
      intent: "submit",
      note: "已完成",
      files: [photo(), new File([], "")],
    });
    expect(parsed.intent === "submit" && parsed.files).toHaveLength(1);
    const many = Array.from({ length: MAX_SUBMISSION_FILES + 1 }, photo);
    expect(
      issues(MilestoneActionSchema.safeParse({ intent: "submit", note: "已完成", files: many })),
    ).toEqual(["escrow.errors.files_too_many"]);
  });
});

describe("the escrow messages", () => {
  it("have the same keys and placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    expect(Object.keys(escrowMessagesEn).sort()).toEqual(Object.keys(escrowMessagesZh).sort());
    for (const key of Object.keys(escrowMessagesZh) as (keyof typeof escrowMessagesZh)[]) {
      expect(placeholders(escrowMessagesEn[key]), key).toEqual(placeholders(escrowMessagesZh[key]));
    }
  });
});
