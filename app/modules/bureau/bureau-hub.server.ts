import { db } from "~/db.server";
import { changeRequestsAwaiting } from "~/modules/monitoring/monitoring.queries.server";
import { countyWhere } from "~/modules/oversight/county-scope";
import type { MembersOf } from "~/i18n/message-key";
import { can, type Actor } from "~/modules/users/permissions";
import { scopeOf, type CountyActor } from "~/modules/oversight/county-access";
import { countWaitingPrescreen } from "~/modules/counties/prescreen.server";
import { triageQueue } from "~/modules/reach/triage.server";
import { countTalentCandidates } from "~/modules/pairings/talent.server";

/** Staff of the bureau (or admins): anyone holding one of the bureau's supervision permissions. */
export function isBureauStaff(actor: Actor | null | undefined): boolean {
  return (
    can(actor, "dashboard.read") ||
    can(actor, "verification.review") ||
    can(actor, "audit.read") ||
    can(actor, "report.prepare") ||
    can(actor, "report.rollup")
  );
}

/** A tool of the bureau's start page: each has a name and a hint under `bureau.tool.<key>`. */
type BureauTool = {
  key: Exclude<MembersOf<"bureau.tool">, `${string}.hint`>;
  to: string;
  show: boolean;
  waiting: number | null;
};

/** The tools the person may use; typed as BureauTool so that each key must have its messages. */
function shown(tools: BureauTool[]): BureauTool[] {
  return tools.filter((tool) => tool.show);
}

/**
 * The bureau's start page: each tool the person may use, with the number of things waiting for
 * them there. One small count per tool, all run together.
 */
export async function bureauHub(actor: CountyActor, now: Date = new Date()) {
  // Triage and pre-screening count what waits in the actor's county (all of them for the city).
  const scope = scopeOf(actor);
  const county = scope?.kind === "county" ? scope.countyCode : undefined;
  const [triageWaiting, prescreenWaiting, talentWaiting] = await Promise.all([
    can(actor, "triage.manage") && scope
      ? triageQueue({ countyCode: county }, now).then((q) => q.length)
      : null,
    can(actor, "programme.prescreen") && scope ? countWaitingPrescreen(scope) : null,
    // Trainees who attended a held training, waiting for their county (or the city) to confirm them.
    can(actor, "talent.reveal") && scope ? countTalentCandidates(actor) : null,
  ]);
  const [verifications, toReview, disputes, activeBans, owed, programmesOpen] = await Promise.all([
    can(actor, "verification.review") ? db.verificationRequest.count({ where: { status: "PENDING" } }) : null,
    can(actor, "programme.review") ? db.programmeApplication.count({ where: { status: "SUBMITTED" } }) : null,
    can(actor, "dispute.resolve") ? db.milestone.count({ where: { status: "DISPUTED" } }) : null,
    can(actor, "sanction.apply")
      ? db.sanction.count({
          where: { kind: "BAN", liftedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
        })
      : null,
    can(actor, "sanction.apply")
      ? db.sanction.aggregate({ where: { kind: "CLAWBACK", owedFen: { gt: 0 } }, _sum: { owedFen: true } })
      : null,
    can(actor, "programme.manage") ? db.programme.count({ where: { status: "OPEN" } }) : null,
  ]);
  // Reported reviews waiting for a decision.
  const reportsOpen = can(actor, "content.moderate")
    ? await db.reviewReport.count({ where: { status: "OPEN" } })
    : null;
  // Monitoring: open flags in the actor's counties, and change requests waiting for their signature.
  const flagsOpen =
    can(actor, "monitoring.read") && scope
      ? (await db.monitoringFlag.count({ where: { status: "OPEN", ...countyWhere(scope) } })) +
        (await changeRequestsAwaiting({ ...actor, countyCode: actor.countyCode ?? null })).length
      : null;
  // The finance bureau's signatures: payments proposed and evaluations waiting for its opinion.
  const toCosign = can(actor, "programme.cosign")
    ? (await db.disbursementProposal.count({ where: { status: "PENDING" } })) +
      (await db.evaluationSignOff.count({ where: { financeOpinion: null } }))
    : null;
  return {
    /** Whose workbench this is: the city science bureau, a county's bureau or the finance bureau. */
    // Administrators may co-sign too, but they run the platform: theirs is the city's desk.
    desk:
      scope?.kind === "county"
        ? ("county" as const)
        : can(actor, "programme.cosign") && !can(actor, "programme.manage")
          ? ("finance" as const)
          : ("city" as const),
    tools: shown([
      { key: "dashboard", to: "/bureau/dashboard", show: can(actor, "dashboard.read"), waiting: null },
      {
        key: "reports",
        to: "/bureau/reports",
        show: can(actor, "report.prepare") || can(actor, "report.rollup"),
        waiting: null,
      },
      {
        key: "verifications",
        to: "/bureau/verifications",
        show: verifications !== null,
        waiting: verifications,
      },
      {
        key: "programmes",
        to: "/bureau/programmes",
        show: toReview !== null || programmesOpen !== null,
        waiting: toReview,
      },
      { key: "sanctions", to: "/bureau/sanctions", show: activeBans !== null, waiting: activeBans },
      { key: "finance", to: "/bureau/finance", show: can(actor, "finance.read"), waiting: toCosign },
      { key: "disputes", to: "/bureau/disputes", show: disputes !== null, waiting: disputes },
      { key: "reviews", to: "/bureau/reviews", show: reportsOpen !== null, waiting: reportsOpen },
      {
        key: "commissioners",
        to: "/bureau/commissioners",
        show: can(actor, "commissioner.dispatch"),
        waiting: null,
      },
      { key: "triage", to: "/bureau/triage", show: can(actor, "triage.manage"), waiting: triageWaiting },
      {
        key: "prescreen",
        to: "/bureau/prescreen",
        show: prescreenWaiting !== null,
        waiting: prescreenWaiting,
      },
      { key: "talent", to: "/pairings/talent", show: talentWaiting !== null, waiting: talentWaiting },
      { key: "officers", to: "/bureau/officers", show: can(actor, "officer.grant"), waiting: null },
      { key: "informants", to: "/bureau/informants", show: can(actor, "reach.manage"), waiting: null },
      // Villages and poor households (issue 23): city staff and county officers; finance sees totals.
      { key: "villages", to: "/villages", show: scope !== null, waiting: null },
      { key: "demos", to: "/demos", show: can(actor, "demo.manage"), waiting: null },
      { key: "spaces", to: "/spaces", show: true, waiting: null },
      { key: "monitoring", to: "/bureau/monitoring", show: flagsOpen !== null, waiting: flagsOpen },
      { key: "linkage", to: "/bureau/linkage", show: can(actor, "linkage.read"), waiting: null },
      { key: "audit", to: "/bureau/audit", show: can(actor, "audit.read"), waiting: null },
    ]),
    owedFen: owed?._sum.owedFen ?? 0,
    programmesOpen,
  };
}
