"use client";
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/lib/trpc/react";
import { onSessionRefused } from "@/lib/trpc/provider";

/**
 * The room's state, kept live: every committed event (and every presence change) refreshes it.
 * The event subscription starts from the state's own sequence number, so no event is lost
 * between loading and subscribing, and the WebSocket link resumes from the last id on reconnect.
 */
export function useRoom(meetingId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const room = useQuery(trpc.meetings.room.queryOptions({ meetingId }));
  const history = useQuery(trpc.meetings.history.queryOptions({ meetingId }));
  const startSeq = useRef<number | null>(null);
  if (startSeq.current === null && room.data) startSeq.current = room.data.meeting.lastSeq;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.meetings.room.queryKey({ meetingId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.meetings.history.queryKey({ meetingId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }); // statistics, record status
    void queryClient.invalidateQueries({ queryKey: trpc.governance.pathKey() }); // ideas, votes, feedback
  };

  const events = useSubscription(
    trpc.meetings.events.subscriptionOptions(
      { meetingId, lastEventId: startSeq.current },
      // A session ended elsewhere (account disabled...) closes the socket; the resubscription is
      // then refused, and the page goes to sign-in like any refused query.
      { enabled: startSeq.current !== null, onData: refresh, onError: onSessionRefused },
    ),
  );
  useSubscription(trpc.meetings.presence.subscriptionOptions({ meetingId }, { onData: refresh }));

  const [error, setError] = useState<string | null>(null);
  const mutationOptions = {
    onSuccess: () => {
      setError(null);
      refresh();
    },
    onError: (e: { message: string }) => setError(e.message),
  };
  const actions = {
    request: useMutation(trpc.tokens.request.mutationOptions(mutationOptions)),
    withdraw: useMutation(trpc.tokens.withdraw.mutationOptions(mutationOptions)),
    release: useMutation(trpc.tokens.release.mutationOptions(mutationOptions)),
    revoke: useMutation(trpc.tokens.revoke.mutationOptions(mutationOptions)),
    grant: useMutation(trpc.tokens.grant.mutationOptions(mutationOptions)),
    dismiss: useMutation(trpc.tokens.dismiss.mutationOptions(mutationOptions)),
    setRole: useMutation(trpc.meetings.setRole.mutationOptions(mutationOptions)),
    configure: useMutation(trpc.meetings.configure.mutationOptions(mutationOptions)),
    leave: useMutation(trpc.meetings.leave.mutationOptions(mutationOptions)),
  };
  const busy = Object.values(actions).some((m) => m.isPending);

  return {
    room,
    history,
    live: events.status === "pending",
    liveStatus: events.status,
    actions,
    busy,
    error,
  };
}

export type RoomActions = ReturnType<typeof useRoom>["actions"];
