"use client";
import { useSyncExternalStore } from "react";
import { KEEP_ALIVE } from "./paths";

// Is the WebSocket still answering? Any message counts (the server's answer to the keep-alive
// ping included); the room is "live" only while one arrived within the keep-alive window and the
// browser believes it is online. The socket itself may take far longer to notice a dead network.

const WINDOW_MS = KEEP_ALIVE.intervalMs + KEEP_ALIVE.pongTimeoutMs + 1_000;

let lastHeard = 0;
let fresh = false;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function update(): void {
  const next = navigator.onLine && Date.now() - lastHeard < WINDOW_MS;
  if (next === fresh) return;
  fresh = next;
  for (const listener of listeners) listener();
}

function heard(): void {
  lastHeard = Date.now();
  update();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    timer = setInterval(update, 1_000);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  };
}

/** True while the connection answered within the keep-alive window and the browser is online. */
export function useHeardRecently(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => fresh,
    () => false,
  );
}

/** The browser's WebSocket, telling the liveness store about every message it receives. */
export function observedWebSocket(): typeof WebSocket {
  return class ObservedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("open", heard);
      this.addEventListener("message", heard);
      this.addEventListener("close", update);
    }
  };
}
