"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC, useTRPCClient } from "@/lib/trpc/react";
import { onSessionRefused } from "@/lib/trpc/provider";
import { useHeardRecently } from "@/lib/trpc/liveness";
import { applyLiveMessage, type LiveMessage, type RoomView } from "@/core/room/stream";
import { roomPage } from "@/core/room/views";
import { EphemeralListeners } from "./ephemeral-listeners";

/**
 * The room, live: loaded once (meetings.room), then kept up to date by folding every message of
 * the room's stream with the same functions the server folds with (core/room). No event causes
 * a request. The stream starts from the loaded state's sequence number and resumes from the last
 * event on reconnect, so nothing is missed or folded twice.
 */
export function useLiveRoom(meetingId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const roomKey = trpc.meetings.room.queryKey({ meetingId });
  const room = useQuery(
    trpc.meetings.room.queryOptions(
      { meetingId },
      // The stream keeps it current: never refetch it on a timer, a focus or a remount.
      { staleTime: Infinity, refetchOnMount: false, refetchOnReconnect: false, refetchOnWindowFocus: false },
    ),
  );
  const startSeq = useRef<number | null>(null);
  if (startSeq.current === null && room.data) startSeq.current = room.data.state.seq;
  const [caughtUp, setCaughtUp] = useState(false);
  const [ended, setEnded] = useState(false);
  const [ephemeral] = useState(() => new EphemeralListeners());

  const stream = useSubscription(
    trpc.live.stream.subscriptionOptions(
      { meetingId, lastEventId: startSeq.current },
      {
        enabled: startSeq.current !== null && !ended,
        onData: ({ data }) => {
          const message = data as LiveMessage;
          if (message.t === "ended") return setEnded(true);
          if (message.t === "ephemeral") return ephemeral.emit(message);
          if (message.t === "ready") setCaughtUp(true);
          // (tRPC's inferred output is the same RoomView without its `readonly` marks.)
          queryClient.setQueryData(
            roomKey,
            (view) => view && (applyLiveMessage(view as RoomView, message) as typeof view),
          );
        },
        // A session ended elsewhere (account disabled...) closes the socket; the resubscription is
        // then refused, and the page goes to sign-in like any refused query.
        onError: onSessionRefused,
      },
    ),
  );
  // After a drop the page is behind until the server says it has caught up again.
  const connected = stream.status === "pending";
  useEffect(() => {
    if (!connected) setCaughtUp(false);
  }, [connected]);
  const answering = useHeardRecently();

  // A refused command means the page may be behind what the server knows (the phase moved on, a
  // role changed, the floor was taken, the meeting closed while this tab slept or reconnected):
  // the page fetches the room again instead of waiting for the stream. A fresher state the
  // stream has meanwhile folded is kept.
  // If that fetch fails too, the refusal is already on screen and the stream still runs.
  const resync = useCallback(() => {
    client.meetings.room
      .query({ meetingId })
      .then((fresh) =>
        queryClient.setQueryData(roomKey, (view) =>
          view && view.state.seq > fresh.state.seq ? view : fresh,
        ),
      )
      .catch(() => undefined);
  }, [client, queryClient, meetingId, roomKey]);

  const view = room.data as RoomView | undefined;
  const page = useMemo(() => view && roomPage(view.state, view.viewer, new Set(view.online)), [view]);
  return {
    room,
    view,
    page,
    /** Connected, caught up, and the connection answered within the keep-alive window. */
    live: connected && caughtUp && answering,
    /** The viewer may no longer follow this room (left, removed, role taken away). */
    ended,
    ephemeral,
    resync,
  };
}
