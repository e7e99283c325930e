import { listAgreementsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listAgreementsEndpoint.handle;
