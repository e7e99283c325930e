import { ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import {
  createService,
  getServiceDetail,
  publishService,
  updateService,
  withdrawService,
} from "~/modules/spaces/spaces.server";
import * as s from "./api.schema";
import { defineEndpoint } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";
import { listingWriteEndpoints } from "./listing-endpoints.server";

// A Star Innovation Space's services (星创天地服务), written by the space's accounts as on its pages.

export const getServiceEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/services/{id}",
    tag: "services",
    scope: "services:read",
    summary: "api.op.getServicesId",
    description: "api.op.getServicesId.detail",
    params: IdParams,
    response: s.ServiceSchema,
  },
  async ({ params, actor }) => (await getServiceDetail(actor, params.id)).service,
);

export const {
  create: createServiceEndpoint,
  update: updateServiceEndpoint,
  publish: publishServiceEndpoint,
  withdraw: withdrawServiceEndpoint,
} = listingWriteEndpoints({
  path: "/api/v1/services",
  tag: "services",
  scope: "services:write",
  permission: "space.manageServices",
  form: ServiceFormSchema,
  texts: {
    create: { summary: "api.op.postServices", description: "api.op.postServices.detail" },
    update: { summary: "api.op.putServicesId", description: "api.op.putServicesId.detail" },
    publish: { summary: "api.op.postServicesIdPublish", description: "api.op.postServicesIdPublish.detail" },
    withdraw: {
      summary: "api.op.postServicesIdWithdraw",
      description: "api.op.postServicesIdWithdraw.detail",
    },
  },
  create: createService,
  update: updateService,
  publish: publishService,
  withdraw: withdrawService,
});
