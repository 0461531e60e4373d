"use client";
import type { ReactNode } from "react";
import type { Room } from "@/lib/trpc/types";
import type { Phase } from "@/core/phases/phase";
import { DecisionList } from "./DecisionList";
import { FeedbackPanel } from "./FeedbackPanel";
import { IdeasPanel } from "./IdeasPanel";
import { ProposalPanel } from "./ProposalPanel";
import type { Governance } from "./useGovernance";

type Panel = "ideas" | "proposals" | "decisions" | "feedback";

/** What the current phase is about comes first; the rest of the record follows. */
const ORDER: Record<Phase, Panel[]> = {
  IDEATION: ["ideas", "decisions"],
  CLARIFICATION: ["ideas", "decisions"],
  DECISION: ["proposals", "decisions", "ideas"],
  FEEDBACK: ["feedback", "decisions", "ideas"],
  CLOSED: ["decisions", "feedback", "ideas"],
};

export function GovernancePanels({ room, gov }: { room: Room; gov: Governance }) {
  const hasDecisions = gov.board.data?.proposals.some((p) => p.decision) ?? false;
  const panels: Record<Panel, ReactNode> = {
    ideas: <IdeasPanel room={room} gov={gov} />,
    proposals: <ProposalPanel room={room} gov={gov} />,
    decisions:
      hasDecisions || room.meeting.phase === "CLOSED" ? <DecisionList board={gov.board.data} /> : null,
    feedback: <FeedbackPanel room={room} gov={gov} />,
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
