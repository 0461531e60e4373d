import type { Viewer } from "../roles";
import type { RoomEnvelope } from "./envelope";
import type { EphemeralChannel } from "./ephemeral";
import { applyRoomEnvelope } from "./fold";
import type { RoomState } from "./state";

// The room's live stream, as the server sends it and the browser folds it. One message per
// committed event, plus what never enters the log (who is online, ephemeral messages).

/** The room as one viewer loads it: the folded state (disclosed), and what is not in the log. */
export interface RoomView {
  state: RoomState;
  viewer: Viewer;
  /** The join link's code: a property of the meeting row, never an event. */
  inviteCode: string;
  /** Members connected to the room right now, on any process. */
  online: string[];
  /** The server's clock when the view was made, to run timers in step with it. */
  serverTime: string;
}

export type LiveMessage =
  /** The room from scratch: on a first subscription, a resume too far back, or a role change. */
  | { t: "snapshot"; view: RoomView }
  /** One committed event, as this viewer may see it. */
  | { t: "event"; e: RoomEnvelope }
  /** Caught up: everything up to `seq` was sent; `online` is who is connected now. */
  | { t: "ready"; seq: number; online: string[] }
  /** People who came or went since the last message of this kind. */
  | { t: "presence"; joined: string[]; left: string[] }
  /** A message between members that never enters the log. */
  | { t: "ephemeral"; from: string; channel: EphemeralChannel; to: string | null; body: unknown }
  /** The stream ends: the viewer may no longer follow this room. */
  | { t: "ended"; reason: "revoked" };

function withPresence(
  online: readonly string[],
  joined: readonly string[],
  left: readonly string[],
): string[] {
  const now = new Set(online);
  for (const id of left) now.delete(id);
  for (const id of joined) now.add(id);
  return [...now];
}

/** Folds one stream message into the view (ephemeral and end messages leave it as it is). */
export function applyLiveMessage(view: RoomView, message: LiveMessage): RoomView {
  switch (message.t) {
    case "snapshot":
      return message.view;
    case "event":
      return message.e.seq <= view.state.seq
        ? view
        : { ...view, state: applyRoomEnvelope(view.state, message.e) };
    case "ready":
      return { ...view, online: message.online };
    case "presence":
      return { ...view, online: withPresence(view.online, message.joined, message.left) };
    case "ephemeral":
    case "ended":
      return view;
  }
}
