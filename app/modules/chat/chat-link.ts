import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "~/modules/realtime/events";

interface LinkOptions {
  /** How often a link that looks connected is asked to answer. */
  heartbeatMs: number;
  /** How long an answer may take before the link counts as dead. */
  answerMs: number;
  /** Called when the link is known to be down before the socket itself notices. */
  onDown: () => void;
}

/**
 * Finds a dead link quickly. On a phone that loses its signal (or a browser whose network is cut)
 * the socket keeps believing it is connected until its ping time-out, most of a minute; meanwhile
 * whatever is sent disappears into the dead connection. So the link is asked to answer — every
 * `heartbeatMs`, and at once when a send or a catch-up got no answer — and a link that does not
 * answer is replaced by a fresh connection. The browser's offline event closes it at once; its
 * online event reconnects without waiting out the reconnection back-off.
 */
export function watchLink(socket: Socket<ServerToClientEvents, ClientToServerEvents>, options: LinkOptions) {
  let checking = false;
  let stopped = false;

  function reconnect() {
    if (stopped) return;
    socket.disconnect();
    socket.connect();
  }

  async function check() {
    if (checking || stopped || !socket.connected) return;
    checking = true;
    try {
      await socket.timeout(options.answerMs).emitWithAck("link:ping");
    } catch {
      reconnect();
    } finally {
      checking = false;
    }
  }

  const heartbeat = setInterval(() => void check(), options.heartbeatMs);
  // In Node (tests, the benchmark) the timer must not keep the process alive.
  if (typeof heartbeat === "object" && "unref" in heartbeat) heartbeat.unref();

  return {
    /** Something got no answer in time: check the link now. */
    suspect: () => void check(),
    offline() {
      options.onDown();
      // Closing the transport makes the socket give up the dead connection and start reconnecting.
      socket.io.engine?.close();
    },
    online() {
      if (!socket.connected) reconnect();
      else void check();
    },
    stop() {
      stopped = true;
      clearInterval(heartbeat);
    },
  };
}
