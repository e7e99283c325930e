import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";

/*
 * One-time form submissions. Every state-changing form carries a key rendered into it
 * (app/components/form.tsx); the first POST with a key runs the action and keeps its outcome, a
 * repeated POST with the same key (a double tap, a resend after the answer was lost on a weak
 * link, the same form submitted again without JavaScript) waits for the first and gets that
 * outcome back instead of acting again.
 */

export { SUBMISSION_FIELD } from "./submission-field";
export const SubmissionKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{16,120}$/);

const OutcomeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("redirect"),
    status: z.number().int(),
    location: z.string(),
    cookies: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("response"),
    status: z.number().int(),
    contentType: z.string().nullable(),
    body: z.string(),
    cookies: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("data"),
    status: z.number().int(),
    data: z.json(),
    cookies: z.array(z.string()),
  }),
  /** The first outcome could not be kept (not JSON): a repeat shows the page as it is now. */
  z.object({ kind: z.literal("reload") }),
]);
export type SubmissionOutcome = z.infer<typeof OutcomeSchema>;

/** A first request that has not finished within this time is taken to have died (e.g. a restart). */
const LEASE_MS = 2 * 60 * 1000;
const WAIT_STEP_MS = 150;
const KEEP_DAYS = 2;

export function hashSession(sessionId: string | null): string | null {
  return sessionId ? createHash("sha256").update(sessionId).digest("base64url") : null;
}

export type Claim =
  | { kind: "first" }
  | { kind: "repeat"; outcome: SubmissionOutcome }
  /** The key belongs to another session, or waiting took too long: act without the guard. */
  | { kind: "unguarded" };

/**
 * Claims a key for this request. The first claimant runs the action; a later one waits until the
 * first has recorded its outcome and answers with it.
 */
export async function claimSubmission(
  key: string,
  sessionHash: string | null,
  path: string,
  fingerprint: string | null = null,
  maxWaitMs = 60_000,
): Promise<Claim> {
  const inserted = await db.$executeRaw`
    INSERT INTO "FormSubmission" (key, "sessionId", path, fingerprint, outcome, "createdAt")
    VALUES (${key}, ${sessionHash}, ${path}, ${fingerprint}, NULL, now())
    ON CONFLICT (key) DO NOTHING`;
  if (inserted === 1) return { kind: "first" };
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const row = await db.formSubmission.findUnique({
      where: { key },
      select: { sessionId: true, fingerprint: true, outcome: true, createdAt: true },
    });
    if (!row) return claimSubmission(key, sessionHash, path, fingerprint, Math.max(0, deadline - Date.now()));
    if (row.sessionId !== sessionHash || row.fingerprint !== fingerprint) return { kind: "unguarded" };
    if (row.outcome !== null) {
      const outcome = OutcomeSchema.safeParse(row.outcome);
      return outcome.success ? { kind: "repeat", outcome: outcome.data } : { kind: "unguarded" };
    }
    if (Date.now() - row.createdAt.getTime() > LEASE_MS) {
      // The first request never finished (the server stopped mid-write): this one takes over.
      const taken = await db.formSubmission.updateMany({
        where: { key, outcome: { equals: Prisma.DbNull }, createdAt: row.createdAt },
        data: { createdAt: new Date() },
      });
      if (taken.count === 1) return { kind: "first" };
    }
    if (Date.now() > deadline) return { kind: "unguarded" };
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

export async function recordOutcome(key: string, outcome: SubmissionOutcome): Promise<void> {
  await db.formSubmission.update({ where: { key }, data: { outcome } });
}

/** The action failed or refused: the key is freed, so sending the form again acts anew. */
export async function releaseSubmission(key: string): Promise<void> {
  await db.formSubmission.deleteMany({ where: { key, outcome: { equals: Prisma.DbNull } } });
}

export async function forgetOldSubmissions(now = new Date()): Promise<number> {
  const { count } = await db.formSubmission.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - KEEP_DAYS * 24 * 60 * 60 * 1000) } },
  });
  return count;
}
