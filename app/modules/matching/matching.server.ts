import { db } from "~/db.server";
import { luoyangYear } from "~/utils/dates";
import type { ArrangementType } from "~/generated/prisma/enums";
import { isPovertyVillage, povertyVillageSelect } from "~/modules/households/poverty-village";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import type { SearchRequest } from "~/modules/indexing/search.types";
import { isStopWord } from "~/modules/indexing/stop-words";
import { tokenize } from "~/modules/indexing/tokenizer.server";
import { INDUSTRIES } from "~/modules/reference/reference";
import { expertReputations, type RatingFigure } from "~/modules/reviews/reputation.server";

/** Why a recommendation was made; each reason is shown to the person as a short phrase. */
export type MatchReason =
  | { kind: "terms"; terms: string[] }
  | { kind: "industry" }
  | { kind: "county"; county: string }
  | { kind: "arrangement"; arrangements: ArrangementType[] }
  | { kind: "budget" }
  | { kind: "verified" }
  | { kind: "commissioner" }
  | { kind: "experience"; count: number }
  | { kind: "reputation"; average: number; count: number }
  | { kind: "poverty" };

export interface Recommendation {
  id: string;
  score: number;
  reasons: MatchReason[];
}

const CANDIDATES = 40;
const NO_HITS = { hits: [], total: 0, facets: {} };

/** Recommendations are a help, not the page: when the engine fails, show none and say why in the log. */
async function candidates(index: "offers" | "experts" | "needs", request: SearchRequest) {
  try {
    return await getSearchEngine().search(index, request);
  } catch (error) {
    console.warn(`recommendations skipped: search of ${index} failed`, error);
    return NO_HITS;
  }
}
const SHOWN = 5;

/**
 * Weights of the signals. Text relevance finds candidates; the rest decides among them, in the
 * order the plan cares about: the right industry, someone who actually serves the county, an
 * arrangement both accept, a price within the budget, verified people, commissioners, and
 * people who have delivered before.
 */
const WEIGHT = {
  text: 3,
  terms: 0.5,
  industry: 2,
  county: 2,
  arrangement: 1.5,
  budget: 1,
  verified: 1,
  commissioner: 1,
  experience: 0.5,
  reputation: 2,
  poverty: 2,
} as const;

/**
 * How much a rating lifts an expert: nothing at 3 stars or below, the full weight at 5 stars with
 * five or more reviews — so one glowing review cannot outrank topic, industry and county.
 */
export function reputationWeight(rating: RatingFigure): number {
  if (rating.average === null || rating.count === 0) return 0;
  const quality = Math.min(Math.max((rating.average - 3) / 2, 0), 1);
  return WEIGHT.reputation * quality * (Math.min(rating.count, 5) / 5);
}

/**
 * Meaningful words two texts share, shown as "both mention …": single characters, stop words
 * and the marketplace's generic words (技术, 服务, 指导 …) left out, and a word left out when a
 * longer shared word already contains it (水肥一体化 says what 水肥 would).
 */
export function sharedTerms(a: string, b: string, limit = 3): string[] {
  const theirs = new Set(tokenize(b));
  const shared = [...new Set(tokenize(a))]
    .filter((word) => [...word].length >= 2 && !/^\d+$/.test(word) && !isStopWord(word) && theirs.has(word))
    .sort((x, y) => y.length - x.length);
  const kept: string[] = [];
  for (const word of shared) {
    if (kept.some((longer) => longer.includes(word))) continue;
    kept.push(word);
    if (kept.length === limit) break;
  }
  return kept;
}

/** Collects the reasons for one candidate and adds up their weights. */
function scorer(rank: number, total: number) {
  const reasons: MatchReason[] = [];
  let score = WEIGHT.text * textScore(rank, total);
  return {
    add(reason: MatchReason, weight: number) {
      reasons.push(reason);
      score += weight;
    },
    result: () => ({ reasons, score }),
  };
}

function textScore(rank: number, total: number): number {
  return total <= 1 ? 1 : 1 - rank / total;
}

function rankAndTrim(candidates: Recommendation[]): Recommendation[] {
  return candidates
    .filter((candidate) =>
      candidate.reasons.some((reason) => reason.kind === "terms" || reason.kind === "industry"),
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, SHOWN);
}

async function completedWork(expertIds: string[]): Promise<Map<string, number>> {
  if (expertIds.length === 0) return new Map();
  const rows = await db.application.groupBy({
    by: ["expertId"],
    where: { expertId: { in: expertIds }, status: "ACCEPTED" },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.expertId, row._count._all]));
}

/** The best offers and experts for a need, each with its reasons. */
export async function recommendForNeed(needId: string) {
  const need = await db.need.findUnique({
    where: { id: needId },
    select: {
      title: true,
      description: true,
      industry: true,
      countyCode: true,
      arrangements: true,
      budgetMaxFen: true,
      productName: true,
    },
  });
  if (!need) return { offers: [], experts: [] };
  const industryName = INDUSTRIES.find((i) => i.code === need.industry)?.nameZh ?? "";
  const q = [need.title, need.productName, industryName].filter(Boolean).join(" ");
  const needText = `${need.title} ${need.productName ?? ""} ${need.description}`;

  const [offerHits, expertHits] = await Promise.all([
    candidates("offers", { q, limit: CANDIDATES }),
    candidates("experts", { q, limit: CANDIDATES }),
  ]);

  const offers = await db.offer.findMany({
    where: { id: { in: offerHits.hits.map((hit) => hit.id) }, status: "PUBLISHED", hiddenAt: null },
    select: {
      id: true,
      title: true,
      description: true,
      industry: true,
      countiesServed: true,
      arrangements: true,
      priceMinFen: true,
      expertId: true,
      expert: { select: { verifiedAt: true, expertProfile: { select: { isCommissioner: true } } } },
      organisation: { select: { verifiedAt: true } },
    },
  });
  const offerRank = new Map(offerHits.hits.map((hit, index) => [hit.id, index]));
  const offerRecs = offers.map((offer) => {
    const match = scorer(offerRank.get(offer.id) ?? CANDIDATES, offerHits.hits.length);
    const terms = sharedTerms(needText, `${offer.title} ${offer.description}`);
    if (terms.length) match.add({ kind: "terms", terms }, WEIGHT.terms * terms.length);
    if (offer.industry === need.industry) match.add({ kind: "industry" }, WEIGHT.industry);
    if (offer.countiesServed.includes(need.countyCode))
      match.add({ kind: "county", county: need.countyCode }, WEIGHT.county);
    const fit = offer.arrangements.filter((a) => need.arrangements.includes(a));
    if (fit.length) match.add({ kind: "arrangement", arrangements: fit }, WEIGHT.arrangement);
    if (need.budgetMaxFen !== null && offer.priceMinFen !== null && offer.priceMinFen <= need.budgetMaxFen)
      match.add({ kind: "budget" }, WEIGHT.budget);
    if (offer.expert ? offer.expert.verifiedAt : offer.organisation?.verifiedAt)
      match.add({ kind: "verified" }, WEIGHT.verified);
    if (offer.expert?.expertProfile?.isCommissioner) match.add({ kind: "commissioner" }, WEIGHT.commissioner);
    return { id: offer.id, ...match.result(), title: offer.title };
  });

  const profiles = await db.expertProfile.findMany({
    where: {
      userId: { in: expertHits.hits.map((hit) => hit.id) },
      hiddenAt: null,
      availability: { not: "UNAVAILABLE" },
    },
    select: {
      userId: true,
      title: true,
      specialties: true,
      bio: true,
      fields: true,
      countiesServed: true,
      isCommissioner: true,
      user: { select: { displayName: true, verifiedAt: true } },
    },
  });
  const experience = await completedWork(profiles.map((p) => p.userId));
  const reputations = await expertReputations(profiles.map((p) => p.userId));
  const expertRank = new Map(expertHits.hits.map((hit, index) => [hit.id, index]));
  const expertRecs = profiles.map((profile) => {
    const match = scorer(expertRank.get(profile.userId) ?? CANDIDATES, expertHits.hits.length);
    const terms = sharedTerms(needText, `${profile.title} ${profile.specialties} ${profile.bio}`);
    if (terms.length) match.add({ kind: "terms", terms }, WEIGHT.terms * terms.length);
    if (profile.fields.includes(need.industry)) match.add({ kind: "industry" }, WEIGHT.industry);
    if (profile.countiesServed.includes(need.countyCode))
      match.add({ kind: "county", county: need.countyCode }, WEIGHT.county);
    if (profile.user.verifiedAt) match.add({ kind: "verified" }, WEIGHT.verified);
    if (profile.isCommissioner) match.add({ kind: "commissioner" }, WEIGHT.commissioner);
    const done = experience.get(profile.userId) ?? 0;
    if (done > 0) match.add({ kind: "experience", count: done }, WEIGHT.experience * Math.min(done, 5));
    const rating = reputations.get(profile.userId)?.rating;
    const lift = rating ? reputationWeight(rating) : 0;
    if (rating?.average != null && lift > 0)
      match.add(
        { kind: "reputation", average: Math.round(rating.average * 10) / 10, count: rating.count },
        lift,
      );
    return { id: profile.userId, ...match.result(), name: profile.user.displayName, title: profile.title };
  });

  return {
    offers: rankAndTrim(offerRecs) as (Recommendation & { title: string })[],
    experts: rankAndTrim(expertRecs) as (Recommendation & { name: string; title: string })[],
  };
}

/** The open needs that suit an expert best, each with its reasons. */
export async function recommendNeedsForExpert(userId: string) {
  const profile = await db.expertProfile.findUnique({
    where: { userId },
    select: { title: true, specialties: true, fields: true, countiesServed: true },
  });
  if (!profile) return [];
  const fieldNames = profile.fields
    .map((code) => INDUSTRIES.find((i) => i.code === code)?.nameZh ?? "")
    .join(" ");
  const q = `${profile.specialties} ${fieldNames}`.trim();
  const hits = await candidates("needs", {
    q,
    limit: CANDIDATES,
    filters: [{ field: "status", op: "eq", value: "OPEN" }],
  });
  const applied = new Set(
    (await db.application.findMany({ where: { expertId: userId }, select: { needId: true } })).map(
      (a) => a.needId,
    ),
  );
  const needs = await db.need.findMany({
    where: { id: { in: hits.hits.map((hit) => hit.id) }, status: "OPEN", hiddenAt: null },
    select: {
      id: true,
      title: true,
      description: true,
      industry: true,
      countyCode: true,
      organisationId: true,
      postedById: true,
      organisation: {
        select: {
          verifiedAt: true,
          ...povertyVillageSelect(luoyangYear()),
          memberships: { where: { userId }, select: { userId: true } },
        },
      },
      postedBy: { select: { verifiedAt: true } },
    },
  });
  const rank = new Map(hits.hits.map((hit, index) => [hit.id, index]));
  const recs = needs
    .filter(
      (need) => !applied.has(need.id) && need.postedById !== userId && !need.organisation?.memberships.length,
    )
    .map((need) => {
      const match = scorer(rank.get(need.id) ?? CANDIDATES, hits.hits.length);
      const terms = sharedTerms(
        `${need.title} ${need.description}`,
        `${profile.title} ${profile.specialties}`,
      );
      if (terms.length) match.add({ kind: "terms", terms }, WEIGHT.terms * terms.length);
      if (profile.fields.includes(need.industry)) match.add({ kind: "industry" }, WEIGHT.industry);
      if (profile.countiesServed.includes(need.countyCode))
        match.add({ kind: "county", county: need.countyCode }, WEIGHT.county);
      if (need.organisation ? need.organisation.verifiedAt : need.postedBy.verifiedAt)
        match.add({ kind: "verified" }, WEIGHT.verified);
      // 建档立卡贫困村: the plan puts poverty villages first.
      if (isPovertyVillage(need.organisation)) match.add({ kind: "poverty" }, WEIGHT.poverty);
      return { id: need.id, ...match.result(), title: need.title };
    });
  return rankAndTrim(recs) as (Recommendation & { title: string })[];
}
