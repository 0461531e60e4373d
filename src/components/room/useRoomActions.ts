"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useRefusalText } from "@/lib/errors/useRefusalText";

/**
 * Every command the room page can send, over the room's WebSocket (`live: true`). None refreshes
 * anything on success: the event it caused comes back on the live stream and is folded like any
 * other, so the page changes once, in the same way for the actor and for everyone else. A refusal
 * calls `onRefused` (the room brings itself up to date: the page may have been behind).
 */
export function useRoomActions(onRefused: () => void) {
  const trpc = useTRPC();
  const errorText = useRefusalText();
  const [error, setError] = useState<string | null>(null);
  const options = {
    trpc: { context: { live: true } },
    onSuccess: () => setError(null),
    onError: (e: unknown) => {
      setError(errorText(e));
      onRefused();
    },
  };
  const actions = {
    request: useMutation(trpc.tokens.request.mutationOptions(options)),
    withdraw: useMutation(trpc.tokens.withdraw.mutationOptions(options)),
    release: useMutation(trpc.tokens.release.mutationOptions(options)),
    revoke: useMutation(trpc.tokens.revoke.mutationOptions(options)),
    grant: useMutation(trpc.tokens.grant.mutationOptions(options)),
    dismiss: useMutation(trpc.tokens.dismiss.mutationOptions(options)),
    setQueuePolicy: useMutation(trpc.floor.setPolicy.mutationOptions(options)),
    raisePoint: useMutation(trpc.floor.raisePoint.mutationOptions(options)),
    grantPoint: useMutation(trpc.floor.grantPoint.mutationOptions(options)),
    declinePoint: useMutation(trpc.floor.declinePoint.mutationOptions(options)),
    reorder: useMutation(trpc.floor.reorder.mutationOptions(options)),
    setRole: useMutation(trpc.meetings.setRole.mutationOptions(options)),
    configure: useMutation(trpc.meetings.configure.mutationOptions(options)),
    leave: useMutation(trpc.meetings.leave.mutationOptions(options)),
    changePhase: useMutation(trpc.phases.change.mutationOptions(options)),
    postIdea: useMutation(trpc.ideas.post.mutationOptions(options)),
    reviseIdea: useMutation(trpc.ideas.revise.mutationOptions(options)),
    comment: useMutation(trpc.ideas.comment.mutationOptions(options)),
    openProposal: useMutation(trpc.decisions.open.mutationOptions(options)),
    vote: useMutation(trpc.decisions.vote.mutationOptions(options)),
    closeProposal: useMutation(trpc.decisions.close.mutationOptions(options)),
    giveFeedback: useMutation(trpc.feedback.give.mutationOptions(options)),
  };
  const busy = Object.values(actions).some((m) => m.isPending);
  return { actions, busy, error };
}

export type RoomActions = ReturnType<typeof useRoomActions>["actions"];
