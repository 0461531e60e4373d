import { actorKindOf, type ActorKind, type MemberRole, type Viewer } from "../roles";
import { can } from "../permissions";
import type { RoomEnvelope } from "./envelope";
import type { RoomFeedback, RoomState } from "./state";

// What one viewer may see of the room, decided here whichever side folds: the server discloses
// the snapshot and every event with these functions, and the browser folds what it was given.
// The rule: disclose(fold(state, event)) = fold(disclose(state), disclose(event)), for a viewer
// whose audience stays the same; when it changes (a role change), the viewer gets a new snapshot.
//
// Ratings: the live room never links a person to a rating. Its author sees their own; the staff
// (whoever the matrix lets read the feedback summary) see every rating without who gave it;
// everyone else sees only that a rating was given. Secret ballots need nothing here: their
// events never say what was chosen, and the counts arrive with the closing.

/** What a viewer may see of other people's ratings. */
export type Audience = "staff" | "member";

export function memberRoleIn(state: RoomState, userId: string): MemberRole | null {
  return state.members.find((m) => m.userId === userId && m.active)?.role ?? null;
}

export function viewerKind(state: RoomState, viewer: Viewer | null): ActorKind {
  return actorKindOf(viewer, viewer ? memberRoleIn(state, viewer.userId) : null);
}

export function audienceOf(state: RoomState, viewer: Viewer): Audience {
  return can(viewerKind(state, viewer), "feedback.summary", state.phase) ? "staff" : "member";
}

function seenFeedback(f: RoomFeedback, viewer: Viewer, audience: Audience): RoomFeedback {
  if (f.userId === viewer.userId) return f;
  return audience === "staff"
    ? { userId: null, rating: f.rating, comment: f.comment, at: f.at }
    : { userId: null, rating: null, comment: null, at: f.at };
}

/** One event as `viewer` (of `audience`) receives it. */
export function discloseEnvelope(env: RoomEnvelope, viewer: Viewer, audience: Audience): RoomEnvelope {
  const e = env.event;
  if (e.type !== "feedback.given" || e.userId === viewer.userId) return env;
  const seen = seenFeedback(
    { userId: e.userId, rating: e.rating, comment: e.comment, at: 0 },
    viewer,
    audience,
  );
  return {
    ...env,
    actorId: null,
    event: { type: e.type, userId: seen.userId, rating: seen.rating, comment: seen.comment },
  };
}

/** The whole room as `viewer` may see it. */
export function discloseState(state: RoomState, viewer: Viewer): RoomState {
  const audience = audienceOf(state, viewer);
  return {
    ...state,
    feedback: state.feedback.map((f) => seenFeedback(f, viewer, audience)),
    recent: state.recent.map((env) => discloseEnvelope(env, viewer, audience)),
  };
}

/** May `viewer` follow this room at all (the stream stops the moment this turns false)? */
export function mayView(state: RoomState, viewer: Viewer): boolean {
  return can(viewerKind(state, viewer), "meeting.view", state.phase);
}
