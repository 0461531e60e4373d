import { gini } from "@/core/stats/gini";
import type { RouterOutputs } from "@/lib/trpc/types";

type StatsView = RouterOutputs["records"]["stats"];

// Between two events only the running turn changes: the client extends it to the current time,
// exactly as the server's fold would (speaking time up to `now`), so the chart moves every second.

export function liveStats(view: StatsView, nowMs: number): StatsView {
  const extra = view.speakingId ? Math.max(0, nowMs - new Date(view.asOf).getTime()) : 0;
  if (extra === 0) return view;
  const participants = view.participants.map((p) =>
    p.userId === view.speakingId ? { ...p, speakingMs: p.speakingMs + extra } : p,
  );
  const totalSpeakingMs = view.totalSpeakingMs + extra;
  return {
    ...view,
    totalSpeakingMs,
    participants: participants.map((p) => ({ ...p, share: p.speakingMs / totalSpeakingMs })),
    equity: gini(participants.filter((p) => p.present).map((p) => p.speakingMs)),
  };
}
