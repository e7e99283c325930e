import { getAgreementEndpoint } from "~/modules/api/endpoints.server";

export const loader = getAgreementEndpoint.handle;
