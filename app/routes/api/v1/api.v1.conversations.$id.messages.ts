import { listMessagesEndpoint, sendMessageEndpoint } from "~/modules/api/endpoints.server";

export const loader = listMessagesEndpoint.handle;
export const action = sendMessageEndpoint.handle;
