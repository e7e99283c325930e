import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";
import { getAgreement, listMine } from "~/modules/agreements/agreements.queries.server";
import { plannedMilestones, type AgreementTerms } from "~/modules/agreements/terms";
import { MilestoneActionSchema, ResolveDisputeBodySchema } from "~/modules/escrow/escrow.schema";
import {
  acceptMilestone,
  disputeMilestone,
  fundMilestone,
  getMilestonesView,
  listOpenDisputes,
  rejectMilestone,
  resolveDispute,
  submitMilestone,
} from "~/modules/escrow/escrow.server";
import type { Actor } from "~/modules/users/permissions";
import * as s from "./api.schema";
import { PageQuery, decodeCursor, defineEndpoint, encodeCursor, pageOf } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";

/** The agreement page's data in the API's shape; non-parties get agreement.not_found (404). */
async function agreementView(agreementId: string, actor: Actor) {
  const page = await getAgreement(agreementId, actor);
  const milestones = page.agreement.activatedAt ? await getMilestonesView(agreementId, actor.id) : [];
  const terms = page.inForce?.terms as AgreementTerms | undefined;
  return {
    ...page.agreement,
    party: page.party,
    payer: page.payer,
    payee: page.payee,
    terms:
      page.inForce && terms
        ? {
            version: page.inForce.version,
            signedAt: page.inForce.signedAt,
            termsHash: page.inForce.termsHash,
            startDate: terms.startDate ?? null,
            endDate: terms.endDate ?? null,
            components: (terms.components ?? []).map((component) => component.type),
            milestoneTotalFen: plannedMilestones(terms).reduce(
              (sum, milestone) => sum + milestone.amountFen,
              0,
            ),
          }
        : null,
    pending: page.pending ? { version: page.pending.version, status: page.pending.status } : null,
    milestones: milestones.map(
      ({ canFund, fundNeedsFinance: _, canSubmit, canAccept, canReject, canDispute, ...milestone }) => ({
        ...milestone,
        can: { fund: canFund, submit: canSubmit, accept: canAccept, reject: canReject, dispute: canDispute },
      }),
    ),
  };
}

export const listAgreementsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/agreements",
    tag: "agreements",
    scope: "agreements:read",
    summary: "api.op.getAgreements",
    description: "api.op.getAgreements.detail",
    query: PageQuery,
    response: pageOf(s.AgreementSchema),
  },
  async ({ actor, query }) => {
    // listMine is the /agreements page's list (at most 200); the cursor is an offset into it.
    const rows = await listMine(actor!);
    let start = 0;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number" || sort < 0) throw new DomainError("api.invalid_cursor");
      start = sort;
    }
    const slice = rows.slice(start, start + query.limit);
    const data = await Promise.all(slice.map((row) => agreementView(row.agreement.id, actor!)));
    const last = slice.at(-1);
    return {
      data,
      nextCursor:
        rows.length > start + query.limit && last
          ? encodeCursor(start + query.limit, last.agreement.id)
          : null,
    };
  },
);

export const getAgreementEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/agreements/{id}",
    tag: "agreements",
    scope: "agreements:read",
    summary: "api.op.getAgreementsId",
    description: "api.op.getAgreementsId.detail",
    params: IdParams,
    response: s.AgreementSchema,
  },
  ({ actor, params }) => agreementView(params.id, actor!),
);

/** A milestone of an agreement the caller cannot see answers 404, as the agreement does. */
async function visibleMilestone(actor: Actor, milestoneId: string) {
  const milestone = await db.milestone.findUnique({
    where: { id: milestoneId },
    select: { agreementId: true },
  });
  if (!milestone) throw new DomainError("escrow.not_found");
  await getAgreement(milestone.agreementId, actor);
}

const SubmitBody = MilestoneActionSchema.options[1].pick({ note: true });
const ReasonBody = MilestoneActionSchema.options[3].pick({ reason: true });
type MilestoneOperation =
  `postMilestonesId${"Fund" | "Submit" | "Accept" | "Reject" | "Dispute" | "Resolve"}`;
const milestoneSpec = (action: string, operation: MilestoneOperation) => ({
  method: "POST" as const,
  path: `/api/v1/milestones/{id}/${action}`,
  tag: "milestones" as const,
  scope: "money:write" as const,
  params: IdParams,
  response: s.MilestoneResultSchema,
  requireIdempotencyKey: true,
  summary: `api.op.${operation}` as const,
  description: `api.op.${operation}.detail` as const,
});
const keyOf = (request: Request) => request.headers.get("idempotency-key")!;

// fund and accept move money: the escrow service keeps the key itself (as the page's JSON mode).
export const fundMilestoneEndpoint = defineEndpoint(
  milestoneSpec("fund", "postMilestonesIdFund"),
  async ({ actor, params, request, meta }) => {
    await visibleMilestone(actor!, params.id);
    return fundMilestone(actor!, params.id, keyOf(request), meta);
  },
);

export const acceptMilestoneEndpoint = defineEndpoint(
  milestoneSpec("accept", "postMilestonesIdAccept"),
  async ({ actor, params, request, meta }) => {
    await visibleMilestone(actor!, params.id);
    return acceptMilestone(actor!, params.id, keyOf(request), meta);
  },
);

// The others move no money; the API's own key store makes a retry return the first result.
export const submitMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("submit", "postMilestonesIdSubmit"),
    idempotent: true,
    body: SubmitBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    const result = await submitMilestone(actor!, params.id, { note: body.note, files: [] }, meta, unit);
    return { milestoneId: params.id, status: "SUBMITTED", ...result };
  },
);

export const rejectMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("reject", "postMilestonesIdReject"),
    idempotent: true,
    body: ReasonBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    await rejectMilestone(actor!, params.id, body.reason, meta, unit);
    return { milestoneId: params.id, status: "REJECTED" };
  },
);

export const disputeMilestoneEndpoint = defineEndpoint(
  {
    ...milestoneSpec("dispute", "postMilestonesIdDispute"),
    idempotent: true,
    body: ReasonBody,
  },
  async ({ actor, params, body, meta, unit }) => {
    await visibleMilestone(actor!, params.id);
    await disputeMilestone(actor!, params.id, body.reason, meta, unit);
    return { milestoneId: params.id, status: "DISPUTED" };
  },
);

// The bureau's side of a dispute (the /bureau/disputes page).
export const listDisputesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/disputes",
    tag: "milestones",
    scope: "agreements:read",
    permission: "dispute.resolve",
    summary: "api.op.getDisputes",
    description: "api.op.getDisputes.detail",
    response: pageOf(s.DisputeSchema),
  },
  async ({ actor }) => ({ data: await listOpenDisputes(actor!), nextCursor: null }),
);

export const resolveDisputeEndpoint = defineEndpoint(
  {
    ...milestoneSpec("resolve", "postMilestonesIdResolve"),
    permission: "dispute.resolve",
    body: ResolveDisputeBodySchema,
  },
  ({ actor, params, body, request, meta }) =>
    resolveDispute(actor!, params.id, { payeeFen: body.payeeFen, note: body.note }, keyOf(request), meta),
);
