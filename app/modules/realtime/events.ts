/** The typed contract between the Socket.IO server and its clients. */
export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export interface SocketData {
  userId: string;
  sessionId: string;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}
