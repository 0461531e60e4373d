"use client";
import type { ReactNode } from "react";
import type { RoomPage as Room } from "@/core/room/views";
import type { Phase } from "@/core/phases/phase";
import { DecisionList } from "./DecisionList";
import { FeedbackPanel } from "./FeedbackPanel";
import { IdeasPanel } from "./IdeasPanel";
import { ProposalPanel } from "./ProposalPanel";
import type { RoomActions } from "@/components/room/useRoomActions";

type Panel = "ideas" | "proposals" | "decisions" | "feedback";

/** What the current phase is about comes first; the rest of the record follows. */
const ORDER: Record<Phase, Panel[]> = {
  IDEATION: ["ideas", "decisions"],
  CLARIFICATION: ["ideas", "decisions"],
  DECISION: ["proposals", "decisions", "ideas"],
  FEEDBACK: ["feedback", "decisions", "ideas"],
  CLOSED: ["decisions", "feedback", "ideas"],
};

export function GovernancePanels({ room, actions }: { room: Room; actions: RoomActions }) {
  const hasDecisions = room.board.proposals.some((p) => p.decision);
  const panels: Record<Panel, ReactNode> = {
    ideas: <IdeasPanel room={room} actions={actions} />,
    proposals: <ProposalPanel room={room} actions={actions} />,
    decisions: hasDecisions || room.moves.final ? <DecisionList board={room.board} /> : null,
    feedback: <FeedbackPanel room={room} actions={actions} />,
  };
  return (
    <div className="space-y-6" data-testid="governance">
      {ORDER[room.meeting.phase]
        .filter((p) => panels[p] !== null)
        .map((p) => (
          <div key={p}>{panels[p]}</div>
        ))}
    </div>
  );
}
