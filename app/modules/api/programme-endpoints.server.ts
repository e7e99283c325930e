import { submitApplication } from "~/modules/programmes/programmes.applicants.server";
import { getProgramme, listPublicProgrammesPage } from "~/modules/programmes/programmes.queries.server";
import { ApplyFormSchema } from "~/modules/programmes/programmes.schema";
import { DomainError } from "~/utils/errors";
import * as s from "./api.schema";
import { PageQuery, defineEndpoint, encodeCursor, pageFromCursor, pageOf } from "./endpoint.server";
import { IdParams } from "./endpoint-shapes.server";

export const listProgrammesEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/programmes",
    tag: "programmes",
    scope: "programmes:read",
    summary: "api.op.getProgrammes",
    description: "api.op.getProgrammes.detail",
    query: PageQuery,
    response: pageOf(s.ProgrammeSchema),
  },
  async ({ query }) => {
    // Few rows in an order by status: the cursor carries the offset of the next slice.
    const skip = pageFromCursor(query.cursor, 0);
    const rows = await listPublicProgrammesPage({ skip, take: query.limit + 1 });
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data,
      nextCursor: rows.length > query.limit && last ? encodeCursor(skip + query.limit, last.id) : null,
    };
  },
);

export const getProgrammeEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/programmes/{id}",
    tag: "programmes",
    scope: "programmes:read",
    summary: "api.op.getProgrammesId",
    params: IdParams,
    response: s.ProgrammeSchema,
  },
  async ({ params }) => {
    const programme = await getProgramme(params.id);
    if (!programme) throw new DomainError("programme.not_found");
    return programme;
  },
);

export const applyToProgrammeEndpoint = defineEndpoint(
  {
    method: "POST",
    path: "/api/v1/programmes/{id}/applications",
    tag: "programmes",
    scope: "programmes:write",
    status: 201,
    idempotent: true,
    summary: "api.op.postProgrammesIdApplications",
    description: "api.op.postProgrammesIdApplications.detail",
    params: IdParams,
    body: ApplyFormSchema,
    response: s.CreatedSchema,
  },
  ({ actor, params, body, unit }) => submitApplication(actor!, params.id, body, new Date(), unit),
);
