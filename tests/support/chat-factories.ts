import { io as connect } from "socket.io-client";
import { db } from "~/db.server";
import { openApplicationConversation } from "~/modules/chat/chat.server";
import type { ClientSocket } from "~/modules/chat/chat-client";
import { addMember, createExpert, createVillage } from "./needs-factories";
import { sessionCookieFor } from "./offers-factories";

/**
 * A cooperative (head + one farmer member) with an open need, an expert who applied to it, and
 * the application's conversation.
 */
export async function createApplicationChat() {
  const { organisation, head } = await createVillage();
  const member = await addMember(organisation.id, "FARMER");
  const expert = await createExpert();
  const need = await db.need.create({
    data: {
      organisationId: organisation.id,
      postedById: head.id,
      title: "香菇菌棒污染防治技术指导",
      description: "今年春季菌棒污染率超过三成，需要专家现场诊断。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: ["TECH_CONTRACT"],
      status: "OPEN",
      publishedAt: new Date(),
    },
    select: { id: true, title: true },
  });
  const application = await db.application.create({
    data: {
      needId: need.id,
      expertId: expert.id,
      approach: "现场诊断并调整灭菌流程",
      timeline: "两周",
      arrangement: "TECH_CONTRACT",
      priceFen: 100_000,
    },
    select: { id: true },
  });
  const conversation = await openApplicationConversation(head, application.id);
  return { organisation, head, member, expert, need, application, conversation };
}

/** A real Socket.IO client logged in as the user; reconnects by itself (quickly) when dropped. */
export async function chatClient(
  url: string,
  userId: string,
  options: { reconnection?: boolean } = {},
): Promise<ClientSocket> {
  const cookie = await sessionCookieFor(userId);
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("session:ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
