import { db } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { withStoredImages } from "~/modules/uploads/uploads.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { mayWork } from "./brand-access.server";
import type { BrandPartnerAction } from "./brand-partners.schema";

/** Accounts of a partner agency: its members under the institution role. */
export function actsForAgency(actor: Actor | null | undefined, agencyOrganisationId: string): boolean {
  return Boolean(
    actor?.memberships.some(
      (membership) => membership.organisationId === agencyOrganisationId && membership.role === "INSTITUTION",
    ),
  );
}

const projectSelect = {
  id: true,
  name: true,
  stage: true,
  leadUserId: true,
  ownerUserId: true,
  ownerOrganisationId: true,
  launchedAt: true,
  abandonedAt: true,
} as const;

/**
 * The partner actions of a brand project's page: the brand's team invites an agency and records
 * trades; the agency's accounts accept or decline and deliver. Each runs under a lock on the
 * project, so a repeated submission finds the state the first left.
 */
export async function actOnBrandPartners(
  actor: Actor & { displayName?: string },
  projectId: string,
  action: BrandPartnerAction,
  file: File | null = null,
  meta: RequestMeta = {},
) {
  if (action.intent === "deliver" && !file) throw new DomainError("brand_partner.file_required");
  const files = action.intent === "deliver" && file ? [file] : [];
  const rows = await withStoredImages(actor.id, files, ([uploadId = null]) =>
    db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "BrandProject" WHERE id = ${projectId} FOR UPDATE`;
      const project = await tx.brandProject.findUnique({ where: { id: projectId }, select: projectSelect });
      if (!project) throw new DomainError("brand_partner.not_found");
      const team = [...new Set([project.leadUserId, project.ownerUserId])];
      const toTeam = (item: Omit<NewNotification, "userId" | "href">): NewNotification[] =>
        team
          .filter((userId) => userId !== actor.id)
          .map((userId) => ({ ...item, userId, href: `/brands/${project.id}` }));
      const audit = (
        action: string,
        subjectId: string,
        after: Prisma.InputJsonObject,
        before?: Prisma.InputJsonObject,
      ) =>
        recordAudit(tx, {
          actorId: actor.id,
          action,
          subjectType: action.startsWith("brand.trade") ? "BrandTrade" : "BrandAgencyEngagement",
          subjectId,
          before,
          after: { ...after, projectId: project.id },
          ip: meta.ip,
        });
      switch (action.intent) {
        case "invite": {
          if (!mayWork(actor, project)) throw new DomainError("brand_partner.forbidden");
          if (project.abandonedAt) throw new DomainError("creative.brand_closed");
          const agency = await tx.organisation.findUnique({
            where: { id: action.agencyOrganisationId },
            select: { id: true, type: true },
          });
          if (!agency || agency.type !== "SERVICE_AGENCY") throw new DomainError("brand_partner.not_agency");
          const existing = await tx.brandAgencyEngagement.findUnique({
            where: {
              projectId_agencyOrganisationId_serviceType: {
                projectId: project.id,
                agencyOrganisationId: agency.id,
                serviceType: action.serviceType,
              },
            },
            select: { status: true },
          });
          // A declined invitation may be sent again; any other is already under way.
          if (existing && existing.status !== "DECLINED")
            throw new DomainError("brand_partner.already_invited");
          const data = { brief: action.brief, invitedById: actor.id, status: "INVITED" as const };
          const engagement = existing
            ? await tx.brandAgencyEngagement.update({
                where: {
                  projectId_agencyOrganisationId_serviceType: {
                    projectId: project.id,
                    agencyOrganisationId: agency.id,
                    serviceType: action.serviceType,
                  },
                },
                data: { ...data, respondedAt: null, respondedById: null },
                select: { id: true },
              })
            : await tx.brandAgencyEngagement.create({
                data: {
                  ...data,
                  projectId: project.id,
                  agencyOrganisationId: agency.id,
                  serviceType: action.serviceType,
                },
                select: { id: true },
              });
          await audit("brand.agency_invited", engagement.id, {
            agencyOrganisationId: agency.id,
            serviceType: action.serviceType,
            brief: action.brief,
          });
          const members = await tx.membership.findMany({
            where: { organisationId: agency.id, role: "INSTITUTION" },
            select: { userId: true },
          });
          return createNotifications(
            tx,
            members.map(({ userId }) => ({
              userId,
              type: "brand.agency_invited",
              params: { brand: project.name },
              href: `/brands/${project.id}`,
            })),
          );
        }
        case "accept":
        case "decline":
        case "deliver": {
          const engagement = await tx.brandAgencyEngagement.findUnique({
            where: { id: action.engagementId },
            select: { id: true, projectId: true, agencyOrganisationId: true, status: true },
          });
          if (!engagement || engagement.projectId !== project.id)
            throw new DomainError("brand_partner.not_found");
          if (!actsForAgency(actor, engagement.agencyOrganisationId))
            throw new DomainError("brand_partner.forbidden");
          if (project.abandonedAt) throw new DomainError("creative.brand_closed");
          if (action.intent === "deliver") {
            if (engagement.status !== "ACCEPTED") throw new DomainError("brand_partner.state");
            await tx.brandAgencyEngagement.update({
              where: { id: engagement.id },
              data: {
                status: "DELIVERED",
                deliveryNote: action.deliveryNote,
                deliveryUploadId: uploadId,
                deliveredById: actor.id,
                deliveredAt: new Date(),
              },
              select: { id: true },
            });
            await audit(
              "brand.agency_delivered",
              engagement.id,
              { status: "DELIVERED", deliveryUploadId: uploadId, deliveryNote: action.deliveryNote },
              { status: engagement.status },
            );
            const agency = await tx.organisation.findUniqueOrThrow({
              where: { id: engagement.agencyOrganisationId },
              select: { name: true },
            });
            return createNotifications(
              tx,
              toTeam({
                type: "brand.agency_delivered",
                params: { brand: project.name, agency: agency.name },
              }),
            );
          }
          if (engagement.status !== "INVITED") throw new DomainError("brand_partner.state");
          const status = action.intent === "accept" ? "ACCEPTED" : "DECLINED";
          await tx.brandAgencyEngagement.update({
            where: { id: engagement.id },
            data: { status, respondedById: actor.id, respondedAt: new Date() },
            select: { id: true },
          });
          await audit(
            `brand.agency_${action.intent === "accept" ? "accepted" : "declined"}`,
            engagement.id,
            {
              status,
            },
            { status: engagement.status },
          );
          return [];
        }
        case "trade": {
          if (!mayWork(actor, project)) throw new DomainError("brand_partner.forbidden");
          if (project.abandonedAt) throw new DomainError("creative.brand_closed");
          if (project.stage !== "TRADING") throw new DomainError("brand_partner.not_trading");
          const buyer = await tx.organisation.findUnique({
            where: { id: action.buyerOrganisationId },
            select: { id: true },
          });
          if (!buyer) throw new DomainError("brand_partner.buyer_unknown");
          if (buyer.id === project.ownerOrganisationId) throw new DomainError("brand_partner.own_brand");
          const transferred = await tx.brandTrade.findFirst({
            where: { projectId: project.id, kind: "TRANSFER" },
            select: { id: true },
          });
          if (transferred) throw new DomainError("brand_partner.transferred");
          const key = {
            projectId: project.id,
            buyerOrganisationId: buyer.id,
            kind: action.kind,
            tradedOn: new Date(`${action.tradedOn}T00:00:00Z`),
          };
          // The same trade submitted twice (a retry) is the one row.
          const same = await tx.brandTrade.findUnique({
            where: { projectId_buyerOrganisationId_kind_tradedOn: key },
            select: { id: true },
          });
          if (same) return [];
          const trade = await tx.brandTrade.create({
            data: { ...key, priceFen: action.price, note: action.note ?? "", recordedById: actor.id },
            select: { id: true },
          });
          await audit("brand.traded", trade.id, {
            buyerOrganisationId: buyer.id,
            kind: action.kind,
            priceFen: action.price,
            tradedOn: action.tradedOn,
          });
          return [];
        }
      }
    }),
  );
  await deliverNotifications(rows);
}

/** The agencies and trades shown on a brand project's page, with what the viewer may do. */
export async function getBrandPartners(projectId: string, viewer: Actor | null) {
  const project = await db.brandProject.findUnique({ where: { id: projectId }, select: projectSelect });
  if (!project) throw new DomainError("brand_partner.not_found");
  const [engagements, trades] = await Promise.all([
    db.brandAgencyEngagement.findMany({
      where: { projectId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        agencyOrganisationId: true,
        serviceType: true,
        status: true,
        brief: true,
        deliveryNote: true,
        deliveryUploadId: true,
        deliveredAt: true,
      },
    }),
    db.brandTrade.findMany({
      where: { projectId },
      orderBy: { tradedOn: "asc" },
      select: { id: true, buyerOrganisationId: true, kind: true, priceFen: true, tradedOn: true, note: true },
    }),
  ]);
  const team = mayWork(viewer, project) && !project.abandonedAt;
  const orgIds = [
    ...engagements.map((e) => e.agencyOrganisationId),
    ...trades.map((t) => t.buyerOrganisationId),
  ];
  const [names, agencies, buyers] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
    team
      ? db.organisation.findMany({
          where: { type: "SERVICE_AGENCY" },
          orderBy: { name: "asc" },
          take: 200,
          select: { id: true, name: true },
        })
      : [],
    team && project.stage === "TRADING"
      ? db.organisation.findMany({
          where: {
            type: { in: ["ENTERPRISE", "COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER", "VILLAGE_COMMITTEE"] },
            id: project.ownerOrganisationId ? { not: project.ownerOrganisationId } : undefined,
          },
          orderBy: { name: "asc" },
          take: 300,
          select: { id: true, name: true },
        })
      : [],
  ]);
  const nameOf = new Map(names.map((org) => [org.id, org.name]));
  return {
    engagements: engagements.map((engagement) => ({
      ...engagement,
      agencyName: nameOf.get(engagement.agencyOrganisationId) ?? "",
      mine: actsForAgency(viewer, engagement.agencyOrganisationId) && !project.abandonedAt,
    })),
    trades: trades.map((trade) => ({
      ...trade,
      tradedOn: trade.tradedOn.toISOString().slice(0, 10),
      buyerName: nameOf.get(trade.buyerOrganisationId) ?? "",
    })),
    canInvite: team,
    canTrade: team && project.stage === "TRADING" && !trades.some((trade) => trade.kind === "TRANSFER"),
    agencies,
    buyers,
  };
}
