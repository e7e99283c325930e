// The baseline of bench:chat: a bare Socket.IO room relay in its own process. No session, no
// database: join → room; send → acknowledge and emit to the room, with a message of the same
// shape the app sends, so both sides serialise the same amount.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";
import {
  conversationRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "~/modules/realtime/events";

const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
const lastSeq = new Map<string, number>();

io.on("connection", (socket) => {
  socket.on("chat:join", ({ conversationId }, ack) => {
    void socket.join(conversationRoom(conversationId));
    ack({ ok: true, lastSeq: lastSeq.get(conversationId) ?? 0 });
  });
  socket.on("chat:send", ({ conversationId, clientId, body }, ack) => {
    const seq = (lastSeq.get(conversationId) ?? 0) + 1;
    lastSeq.set(conversationId, seq);
    const message = {
      id: randomUUID(),
      conversationId,
      seq,
      senderId: socket.id,
      senderName: "",
      clientId,
      body,
      attachment: null,
      createdAt: new Date().toISOString(),
    };
    ack({ ok: true, message });
    io.to(conversationRoom(conversationId)).emit("chat:message", { message });
  });
});

http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => io.close(() => process.exit(0)));
