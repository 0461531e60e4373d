import type { SessionUser } from "@/server/auth/session";
import type { Deps } from "@/server/deps";

// lead: live room rework. board.ts, records/queries.ts and realtime/* still take Deps from here;
// once they import it from server/deps.ts, this re-export goes.
export type { Deps } from "@/server/deps";

export interface Context extends Deps {
  session: SessionUser | null;
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
