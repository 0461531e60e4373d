import type { Db } from "@/server/db/client";
import type { EventBus } from "@/server/events/bus";
import type { Clock } from "@/server/clock";
import type { SessionUser } from "@/server/auth/session";
import type { Presence } from "@/server/realtime/presence";
import type { RoomHub } from "@/server/realtime/room-hub";
import type { SecretBox } from "@/server/security/secret-box";

/** What every command needs from the outside world; HTTP, WebSocket and tests share it. */
export interface Deps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  presence: Presence;
  /** This process's live rooms: the fold of each followed meeting and its subscribers. */
  live: RoomHub;
  /** Encrypts secrets at rest (TOTP secrets, the signing key) under the configured keyring. */
  secrets: SecretBox;
}

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
