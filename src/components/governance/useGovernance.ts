"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";

export type Board = RouterOutputs["governance"]["board"];
export type BoardIdea = Board["ideas"][number];
export type BoardProposal = Board["proposals"][number];
export type FeedbackSummary = RouterOutputs["governance"]["feedbackSummary"];

/**
 * The governance side of the room: the board (ideas, proposals, decisions), the feedback summary
 * for those the matrix allows, and the commands. Live: useRoom invalidates these queries on
 * every event; a command's own success refreshes at once.
 */
export function useGovernance(meetingId: string, canSeeSummary: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const board = useQuery(trpc.governance.board.queryOptions({ meetingId }));
  const summary = useQuery(
    trpc.governance.feedbackSummary.queryOptions({ meetingId }, { enabled: canSeeSummary }),
  );

  const options = {
    onSuccess: () => {
      void queryClient.invalidateQueries(trpc.governance.pathFilter());
      void queryClient.invalidateQueries({ queryKey: trpc.meetings.room.queryKey({ meetingId }) });
    },
  };
  const actions = {
    changePhase: useMutation(trpc.phases.change.mutationOptions(options)),
    postIdea: useMutation(trpc.ideas.post.mutationOptions(options)),
    reviseIdea: useMutation(trpc.ideas.revise.mutationOptions(options)),
    comment: useMutation(trpc.ideas.comment.mutationOptions(options)),
    openProposal: useMutation(trpc.decisions.open.mutationOptions(options)),
    vote: useMutation(trpc.decisions.vote.mutationOptions(options)),
    closeProposal: useMutation(trpc.decisions.close.mutationOptions(options)),
    giveFeedback: useMutation(trpc.feedback.give.mutationOptions(options)),
  };
  return { board, summary, actions };
}

export type Governance = ReturnType<typeof useGovernance>;
export type GovernanceActions = Governance["actions"];
