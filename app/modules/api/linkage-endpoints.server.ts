import { db } from "~/db.server";
import { linkageAggregates } from "~/modules/linkage/linkage.figures.server";
import { LinkageAggregateQuerySchema } from "~/modules/linkage/linkage.schema";
import { scopeCountyFilter } from "~/modules/oversight/county-access";
import { luoyangYear, startOfLuoyangDay } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import * as s from "./api.schema";
import { defineEndpoint } from "./endpoint.server";

/** 利益联结 (issue 23): payments per organisation, mechanism and month of a year, without personal data. */
export const benefitLinkagesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/benefit-linkages",
    tag: "dashboard",
    scope: "dashboard:read",
    permission: "dashboard.read",
    summary: "api.op.getBenefitLinkages",
    description: "api.op.getBenefitLinkages.detail",
    query: LinkageAggregateQuerySchema,
    response: s.BenefitLinkageAggregatesSchema,
  },
  // A county officer gets its own county whatever it asks.
  async ({ query, actor }) => {
    const filters = scopeCountyFilter(actor!, query);
    if (!filters) throw new DomainError("counties.forbidden");
    const year = filters.year ?? luoyangYear();
    const rows = await db.$transaction((tx) =>
      linkageAggregates(
        tx,
        startOfLuoyangDay(`${year}-01-01`),
        startOfLuoyangDay(`${year + 1}-01-01`),
        filters.countyCode,
      ),
    );
    return { year, countyCode: filters.countyCode ?? null, rows };
  },
);
