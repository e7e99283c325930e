import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/**
 * A message typed on this device and not yet acknowledged as stored by the server. It is kept in
 * the browser's IndexedDB, so a reload, a closed tab or a restarted phone loses nothing: the next
 * time the conversation opens, what is left goes out again, in the order it was written, with the
 * same client id (the server stores each id once).
 */
export interface OutboxEntry {
  clientId: string;
  userId: string;
  conversationId: string;
  body: string;
  /** When it was written (ms since epoch): the order it goes out in. */
  createdAt: number;
  /** A photo, already shrunk on the device; sent by upload rather than over the socket. */
  image?: Blob;
  imageName?: string;
  /** A voice note as recorded (its type on the Blob), sent by upload like a photo. */
  audio?: Blob;
  audioName?: string;
  /** The server refused it (message key); it waits for the user to retry or discard. */
  error?: string;
}

/** Where a chat session keeps its unsent messages. */
export interface OutboxStore {
  list(userId: string, conversationId: string): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientId: string): Promise<void>;
}

interface OutboxSchema extends DBSchema {
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { byConversation: [string, string] };
  };
}

const DATABASE = "xiangke-chat";

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(DATABASE, 1, {
    upgrade(db) {
      const store = db.createObjectStore("outbox", { keyPath: "clientId" });
      store.createIndex("byConversation", ["userId", "conversationId"]);
    },
  }).catch((error: unknown) => {
    opened = null; // e.g. private browsing without storage: the next call tries again
    throw error;
  });
  return opened;
}

/** The device's outbox; null where the browser has no IndexedDB (the session then keeps memory only). */
export function browserOutbox(): OutboxStore | null {
  if (typeof indexedDB === "undefined") return null;
  return {
    async list(userId, conversationId) {
      const db = await database();
      const entries = await db.getAllFromIndex("outbox", "byConversation", [userId, conversationId]);
      return entries.sort((a, b) => a.createdAt - b.createdAt);
    },
    async put(entry) {
      await (await database()).put("outbox", entry);
    },
    async remove(clientId) {
      await (await database()).delete("outbox", clientId);
    },
  };
}

/** An outbox in memory, for Node (the tests and the chat benchmark). */
export function memoryOutbox(): OutboxStore {
  const entries = new Map<string, OutboxEntry>();
  return {
    async list(userId, conversationId) {
      return [...entries.values()]
        .filter((entry) => entry.userId === userId && entry.conversationId === conversationId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async put(entry) {
      entries.set(entry.clientId, { ...entry });
    },
    async remove(clientId) {
      entries.delete(clientId);
    },
  };
}
