import { useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "~/modules/realtime/events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: Promise<AppSocket> | null = null;
let subscribers = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The tab's one Socket.IO connection, opened on first use. Same origin, so the session cookie
 * authenticates it; WebSocket first, long-polling where a network blocks WebSockets. The client
 * library is loaded only then, so pages that never listen do not download it.
 */
export function getSocket(): Promise<AppSocket> {
  clearTimeout(closeTimer);
  socket ??= import("socket.io-client").then(
    ({ io }) => io({ transports: ["websocket", "polling"] }) as AppSocket,
    (error: unknown) => {
      socket = null; // e.g. the script failed to load on a weak signal: the next listener retries
      throw error;
    },
  );
  return socket;
}

// The connection belongs to whoever was logged in when it opened. When the last listener goes
// (e.g. logout unmounts the badge) it is closed, so the next login opens one with the new cookie.
// The short delay keeps it open across a route change that unmounts one listener and mounts another.
function release(): void {
  subscribers -= 1;
  if (subscribers > 0) return;
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    void socket?.then(
      (connection) => connection.disconnect(),
      () => undefined,
    );
    socket = null;
  }, 1000);
}

/**
 * Calls `handler` for each `event` the server sends this user while the component is mounted.
 * The latest handler is always used, so callers need not memoise it.
 */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
  enabled = true,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });

  useEffect(() => {
    if (!enabled) return;
    let unmounted = false;
    const listener = (...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args);
    subscribers += 1;
    const connection = getSocket();
    // socket.io's typed `on` cannot follow a generic event name; the hook's signature keeps callers typed.
    // Live updates are a bonus: without them the page still shows what the server rendered.
    const ignore = () => undefined;
    void connection.then((open) => {
      if (!unmounted) open.on(event, listener as never);
    }, ignore);
    return () => {
      unmounted = true;
      void connection.then((open) => open.off(event, listener as never), ignore);
      release();
    };
  }, [event, enabled]);
}

/**
 * The tab's socket for a component that drives its own protocol (the chat page); null until it
 * is open. Holds the connection open while mounted, like useSocketEvent.
 */
export function useSocket(enabled = true): AppSocket | null {
  const [open, setOpen] = useState<AppSocket | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let unmounted = false;
    subscribers += 1;
    void getSocket().then(
      (connection) => {
        if (!unmounted) setOpen(connection);
      },
      () => undefined,
    );
    return () => {
      unmounted = true;
      setOpen(null);
      release();
    };
  }, [enabled]);
  return open;
}
