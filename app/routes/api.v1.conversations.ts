import { listConversationsEndpoint } from "~/modules/api/endpoints.server";

export const loader = listConversationsEndpoint.handle;
