import type { Caller, Deps } from "@/server/deps";
import type { Action } from "@/core/permissions";
import type { MeetingEvent } from "@/core/events";
import * as engine from "@/core/tokens/engine";
import type { TokenState } from "@/core/tokens/engine";
import { runCommand, runSystemCommand } from "./event-log";

/** One token command of the caller's: the table is asked for `action`, the engine decides. */
export function tokenCommand<I extends { meetingId: string }>(
  action: Action,
  decide: (token: TokenState, actorId: string, input: I) => MeetingEvent[],
) {
  return async (ctx: Caller, input: I) => {
    const { recorded } = await runCommand(ctx, { meetingId: input.meetingId, action }, (snap) => ({
      events: decide(snap.token, ctx.session.userId, input),
      result: null,
    }));
    return { seq: recorded.at(-1)?.seq ?? null };
  };
}

type Target = { meetingId: string; userId: string };

export const requestToken = tokenCommand("token.request", (t, me) => engine.requestToken(t, me));
export const withdrawRequest = tokenCommand("token.withdraw", (t, me) => engine.withdrawRequest(t, me));
export const releaseToken = tokenCommand("token.release", (t, me) => engine.releaseToken(t, me));
export const revokeToken = tokenCommand("token.revoke", (t) => engine.revokeToken(t));
export const grantToken = tokenCommand("token.grant", (t, _me, input: Target & { reason?: string | null }) =>
  engine.grantToken(t, input.userId, input.reason ?? null),
);
export const dismissRequest = tokenCommand("token.dismiss", (t, _me, input: Target) =>
  engine.dismissRequest(t, input.userId),
);

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
    const { recorded } = await runSystemCommand(deps, m.id, (snap) => ({
      events: engine.expireTurn(snap.token, deps.clock.now()),
      result: null,
    }));
    if (recorded.length) expired++;
  }
  return expired;
}
