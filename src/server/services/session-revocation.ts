import type { Deps } from "@/server/deps";

/**
 * Ending sessions: tokens stop working at their next request because the account's
 * sessionVersion changed (auth/session.ts); open WebSocket connections are told here, so a
 * disabled user's live room stops at once too (realtime/ws-server.ts listens).
 */
export const SESSIONS_ENDED_TOPIC = "sessions:ended";

export interface SessionsEnded {
  userId: string;
}

export async function publishSessionsEnded(deps: Pick<Deps, "bus">, userIds: readonly string[]) {
  for (const userId of new Set(userIds)) {
    await deps.bus.publish(SESSIONS_ENDED_TOPIC, { userId } satisfies SessionsEnded);
  }
}
