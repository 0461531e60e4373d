import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { Action } from "@/core/permissions";
import type { MeetingEvent } from "@/core/events";
import * as engine from "@/core/tokens/engine";
import type { TokenState } from "@/core/tokens/engine";
import { runCommand } from "./event-log";
import { authorize } from "./authorize";

type TokenDecision = (token: TokenState, actor: SessionUser) => MeetingEvent[];

/** One token command: ask the matrix, ask the engine, record what follows. */
function tokenCommand(action: Action, decide: TokenDecision) {
  return async (deps: Deps, actor: SessionUser, meetingId: string) => {
    const { recorded } = await runCommand(deps, meetingId, actor.userId, (snap) => {
      authorize(snap, actor, action);
      return { events: decide(snap.token, actor), result: null };
    });
    return { seq: recorded.at(-1)?.seq ?? null };
  };
}

function targetedCommand(action: Action, decide: (token: TokenState, userId: string) => MeetingEvent[]) {
  return (deps: Deps, actor: SessionUser, input: { meetingId: string; userId: string }) =>
    tokenCommand(action, (token) => decide(token, input.userId))(deps, actor, input.meetingId);
}

export const requestToken = tokenCommand("token.request", (t, a) => engine.requestToken(t, a.userId));
export const withdrawRequest = tokenCommand("token.withdraw", (t, a) => engine.withdrawRequest(t, a.userId));
export const releaseToken = tokenCommand("token.release", (t, a) => engine.releaseToken(t, a.userId));
export const revokeToken = tokenCommand("token.revoke", (t) => engine.revokeToken(t));
export const grantToken = targetedCommand("token.grant", engine.grantToken);
export const dismissRequest = targetedCommand("token.dismiss", engine.dismissRequest);

/** Ends every turn whose time limit has passed (run by the server's ticker, as the system). */
export async function expireTurns(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const held = await deps.db.meeting.findMany({
    where: { holderId: { not: null }, turnLimitSec: { not: null } },
    select: { id: true, holderSince: true, turnLimitSec: true },
  });
  const due = held.filter((m) => m.holderSince!.getTime() + m.turnLimitSec! * 1000 <= now.getTime());
  let expired = 0;
  for (const m of due) {
    const { recorded } = await runCommand(deps, m.id, null, (snap) => ({
      events: engine.expireTurn(snap.token, deps.clock.now()),
      result: null,
    }));
    if (recorded.length) expired++;
  }
  return expired;
}
