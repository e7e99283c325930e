import { z } from "zod";
import {
  ApiNeedListQuerySchema,
  ApiOfferBodySchema,
  COLLATERAL_KINDS,
  FINANCING_PRODUCTS,
} from "~/modules/financing/financing.schema";
import { makeFinancingOffer, openNeedsForApi } from "~/modules/financing/financing.server";
import { defineEndpoint } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";

// financing (issue 23): institutions read open financing needs and answer them with offers.

const FinancingNeedSchema = z.object({
  id: z.string(),
  amountFen: z.number().int(),
  use: z.string(),
  termMonths: z.number().int(),
  collateralKind: z.enum(COLLATERAL_KINDS),
  countyCode: z.string(),
  status: z.literal("OPEN"),
  createdAt: z.string(),
  organisation: z
    .object({ name: z.string(), type: z.string() })
    .describe("The posting organisation's name and type; never a person, phone or address."),
});

const FinancingOfferSchema = z.object({
  id: z.string(),
  needId: z.string(),
  organisationId: z.string(),
  product: z.enum(FINANCING_PRODUCTS),
  amountFen: z.number().int(),
  rateBp: z.number().int(),
  termMonths: z.number().int(),
  conditions: z.string(),
  status: z.literal("OFFERED"),
  createdAt: z.string(),
});

export const listFinancingNeedsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/financing-needs",
    tag: "financing",
    scope: "financing:read",
    summary: "api.op.getFinancingNeeds",
    description: "api.op.getFinancingNeeds.detail",
    query: ApiNeedListQuerySchema,
    response: z.object({ data: z.array(FinancingNeedSchema) }),
  },
  async ({ query }) => ({ data: await openNeedsForApi(query.countyCode, query.limit) }),
);

export const createFinancingOfferEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/financing-needs/{id}/offers",
    tag: "financing",
    scope: "financing:write",
    status: 201,
    idempotent: true,
    summary: "api.op.postFinancingNeedsIdOffers",
    description: "api.op.postFinancingNeedsIdOffers.detail",
    params: IdParams,
    body: ApiOfferBodySchema,
    response: FinancingOfferSchema,
  },
  ({ actor, params, body, meta, unit }) => makeFinancingOffer(actor!, params.id, body, meta, unit),
);
