import type { Db, Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/users/password.server";
import { normaliseIdentifier } from "~/modules/users/users.schema";
import { hashIdNumber } from "~/modules/verification/verification.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { DEMO_NEEDS, DEMO_OFFERS, DEMO_SERVICES } from "./demo-content";
import { HOUR, demoTimeline } from "./demo-timeline";
import { seedCofundingDemo } from "./seed-cofunding.server";
import { seedMonitoringDemo } from "./seed-monitoring.server";
import { seedIndividualsDemo } from "./seed-individuals.server";
import { seedNegotiationDemo } from "./seed-negotiation.server";
import { seedReach } from "./seed-reach.server";
import { seedReportsDemo } from "./seed-reports.server";
import { seedCountyOfficerDemo } from "./seed-counties.server";
import { seedReviewsDemo } from "./seed-reviews.server";
import { seedSupervisionDemo } from "./seed-supervision.server";
import { seedCosignDemo } from "./seed-cosign.server";
import { seedStory } from "./story/story.server";

/** Whether the demo would be seeded here: only a database with no user yet gets it. */
export async function awaitsDemo(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * On an empty database: one verified account per role, so a visitor can try every side of the
 * platform, and a few needs, offers and space services so the lists are not empty. Skipped as
 * soon as any user exists. Dated over the past year before `now`, in an order that could have
 * happened (demo-timeline.ts); the same rows every time for the same `now`.
 */
export async function seedDemoData(
  db: Db,
  now = new Date(),
  { story = true }: { story?: boolean } = {},
): Promise<boolean> {
  if (!(await awaitsDemo(db))) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const time = demoTimeline(now);
  const { registeredAt, verifiedAt } = time;
  await db.$transaction(
    async (tx) => {
      const organisations = new Map<string, string>();
      const users = new Map<string, string>();
      for (const account of DEMO_ACCOUNTS) {
        const identifier = normaliseIdentifier(account.login);
        if (!identifier) throw new Error(`demo login ${account.login} is not a valid identifier`);
        const user = await tx.user.create({
          data: {
            [identifier.kind]: identifier.value,
            displayName: account.displayName,
            passwordHash,
            primaryRole: account.role,
            countyCode: account.countyCode ?? account.organisation?.countyCode ?? null,
            createdAt: registeredAt,
            passwordChangedAt: registeredAt,
            // People verify as persons; an organisation's account is verified through the
            // organisation, and as a person only when it is someone who signs for it.
            verifiedAt: account.organisation && !account.idNumber ? null : verifiedAt,
          },
          select: { id: true },
        });
        if (account.idNumber)
          await tx.verificationRequest.create({
            data: {
              subject: "PERSON",
              personId: user.id,
              submittedById: user.id,
              status: "APPROVED",
              createdAt: registeredAt,
              decidedAt: verifiedAt,
              details: {
                realName: account.displayName.split(" ")[0]!,
                idLast4: account.idNumber.slice(-4),
                idSha256: hashIdNumber(account.idNumber),
                statement: "演示账户的实名认证（虚构身份证号）。",
              },
            },
          });
        if (account.organisation) {
          const { key, ...organisation } = account.organisation;
          const created = await tx.organisation.create({
            data: { ...organisation, verifiedAt, createdAt: registeredAt },
            select: { id: true },
          });
          organisations.set(key, created.id);
          // The account that registers an organisation administers it and handles its money.
          await tx.membership.create({
            data: {
              userId: user.id,
              organisationId: created.id,
              role: account.role,
              administrator: true,
              financeGrantedAt: verifiedAt,
              signingGrantedAt: verifiedAt,
              createdAt: registeredAt,
            },
          });
        }
        // The farmer belongs to the cooperative; the expert works at the university.
        const joins: Partial<Record<typeof account.role, string>> = { FARMER: "coop", EXPERT: "university" };
        const joinKey = account.joins ?? joins[account.role];
        const joinId = joinKey && organisations.get(joinKey);
        // The expert signs the university's agreements as their project lead.
        if (joinId)
          await tx.membership.create({
            data: {
              userId: user.id,
              organisationId: joinId,
              role: account.role,
              createdAt: registeredAt,
              ...(account.role === "EXPERT" ? { signingGrantedAt: verifiedAt } : {}),
            },
          });
        if (!users.has(account.role)) users.set(account.role, user.id);
        await recordAudit(tx, {
          actorId: null,
          action: "demo.seeded",
          subjectType: "User",
          subjectId: user.id,
        });
      }

      const expertId = users.get("EXPERT")!;
      const universityId = organisations.get("university")!;
      await tx.expertProfile.create({
        data: {
          userId: expertId,
          title: "教授 · 食用菌栽培",
          fields: ["PLANTING", "AGRI_PROCESSING"],
          specialties: "香菇、木耳栽培与菌种选育；菌棒污染防治",
          bio: "从事食用菌栽培研究二十年，2019 年起任洛阳市科技特派员，常驻栾川、嵩县服务。",
          affiliationId: universityId,
          isCommissioner: true,
          countiesServed: ["410324", "410325", "410326"],
          languages: ["zh"],
          contactPhone: "+8613900000003",
          createdAt: registeredAt,
        },
      });
      const coopId = organisations.get("coop")!;
      const villageHeadId = users.get("VILLAGE")!;
      for (const [index, need] of DEMO_NEEDS.entries()) {
        // Spread over the last weeks so "newest" has an order, the newest three days old so the
        // negotiation seeded on it has had time to happen; each drafted a little before it went up.
        const publishedAt = time.ago(3 + index * 3, Math.floor(time.random() * 12));
        const created = await tx.need.create({
          data: {
            ...need,
            organisationId: coopId,
            postedById: villageHeadId,
            status: "OPEN",
            publishedAt,
            createdAt: new Date(publishedAt.getTime() - (1 + Math.floor(time.random() * 20)) * HOUR),
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: null,
          action: "demo.seeded",
          subjectType: "Need",
          subjectId: created.id,
        });
      }
      const universityStaffId = users.get("INSTITUTION")!;
      for (const [index, offer] of DEMO_OFFERS.entries()) {
        const { by, ...fields } = offer;
        // Offers went up over the year, the first one most recently.
        const publishedAt = time.ago(30 + index * 45 + Math.floor(time.random() * 20));
        const created = await tx.offer.create({
          data: {
            ...fields,
            status: "PUBLISHED",
            publishedAt,
            createdAt: publishedAt,
            expertId: by === "expert" ? expertId : null,
            organisationId: by === "expert" ? null : universityId,
            postedById: by === "expert" ? expertId : universityStaffId,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: null,
          action: "demo.seeded",
          subjectType: "Offer",
          subjectId: created.id,
        });
      }
      const spaceId = organisations.get("space")!;
      for (const [index, service] of DEMO_SERVICES.entries()) {
        const created = await tx.spaceService.create({
          data: {
            ...service,
            organisationId: spaceId,
            postedById: users.get("SPACE")!,
            status: "PUBLISHED",
            publishedAt: time.ago(index * 2),
            createdAt: time.ago(index * 2),
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: null,
          action: "demo.seeded",
          subjectType: "SpaceService",
          subjectId: created.id,
        });
      }
      await seedSupervisionDemo(
        tx,
        { bureauUserId: users.get("BUREAU")!, spaceOrganisationId: spaceId, coopOrganisationId: coopId },
        time,
      );
      await seedCosignDemo(
        tx,
        {
          bureauUserId: users.get("BUREAU")!,
          coopOrganisationId: coopId,
          villageHeadId,
          spaceOrganisationId: spaceId,
          spaceUserId: users.get("SPACE")!,
        },
        time,
      );
      await seedIndividualsDemo(tx, { bureauUserId: users.get("BUREAU")!, expertId }, time);
      // Trust and reach: reviews on a completed agreement, an invitation and a counter-offer, an
      // informant with a need posted for a farmer, a poverty village and a need waiting for triage.
      const trustIds = { coopOrganisationId: coopId, villageHeadId, expertId };
      await seedReviewsDemo(tx, trustIds, now);
      await seedNegotiationDemo(tx, trustIds, now);
      await seedCofundingDemo(
        tx,
        { ...trustIds, bureauUserId: users.get("BUREAU")!, financeUserId: users.get("ADMIN")! },
        now,
      );
      await seedMonitoringDemo(
        tx,
        { bureauUserId: users.get("BUREAU")!, coopOrganisationId: coopId, villageHeadId },
        time,
      );
      const reach = await seedReach(
        tx,
        {
          passwordHash,
          bureauUserId: users.get("BUREAU")!,
          villageUserId: villageHeadId,
          cooperativeId: coopId,
        },
        now,
      );
      await seedReportsDemo(tx, { bureauUserId: users.get("BUREAU")! }, now);
      await seedCountyOfficerDemo(
        tx,
        { coopOrganisationId: coopId, villageHeadId, informantId: reach.informantId },
        now,
      );
      // The plan's story around the demo accounts, touching none of the rows above; the fault
      // tests, which log in as the demo accounts only, leave it out to start faster.
      if (story)
        await seedStory(
          tx,
          {
            passwordHash,
            bureauUserId: users.get("BUREAU")!,
            reviewerUserId: await userIdOf(tx, "reviewer@demo.xiangke.cn"),
            platformFinanceUserId: users.get("ADMIN")!,
            financeOfficerUserId: users.get("FINANCE")!,
            universityId,
          },
          now,
        );
    },
    { timeout: 60_000 },
  );
  return true;
}

async function userIdOf(tx: Tx, email: string): Promise<string> {
  return (await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}
