import type { SessionUser } from "@/server/auth/session";
import type { Deps } from "@/server/deps";

export interface Context extends Deps {
  session: SessionUser | null;
  /**
   * A connection that outlives a request (the WebSocket) resolves its session again for every
   * call: the account may have changed, or the token expired, since the connection opened.
   */
  refreshSession?: () => Promise<SessionUser | null>;
  /** Distinguishes the connections of one user (several tabs) for presence. */
  connectionId?: string;
  /** The client's address, for per-IP limits on guessable checks (auth/client-ip.ts). */
  clientIp?: string;
}

export function createContextInner(
  deps: Deps,
  session: SessionUser | null,
  connectionId?: string,
  clientIp?: string,
): Context {
  return { ...deps, session, connectionId, clientIp };
}
