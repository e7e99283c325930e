import { statementEndpoint } from "~/modules/api/endpoints.server";

export const loader = statementEndpoint.handle;
