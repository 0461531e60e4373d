import type { Viewer } from "../roles";
import { capabilities } from "../permissions";
import { optionIdsOf, type OptionId, type ProposalOptions } from "../decisions/ballot";
import { entitledVoterIds } from "../decisions/lifecycle";
import { eligibleRaterCount, summarizeFeedback, type Rating } from "../feedback";
import { takesAtOnce, turnEndsAt } from "../tokens/engine";
import { orderQueue } from "../tokens/ordering";
import { isFinalPhase, nextPhase, previousPhase } from "../phases/machine";
import { phaseHeldBy } from "../phases/change";
import { memberRoleIn, viewerKind } from "./disclose";
import type { RoomProposal, RoomState } from "./state";

// What the room page shows, read off the folded state for one viewer: names resolved, the
// viewer's capabilities from the permission table, counts only where the ballot allows. Pure,
// so the page re-derives it after every event it folds.

type Names = (id: string | null) => string;

const namesIn =
  (state: RoomState): Names =>
  (id) =>
    id ? (state.people[id] ?? "?") : "?";

function optionList(options: ProposalOptions): { id: OptionId; label: string | null }[] {
  // Yes / no / abstain have no stored label: the UI names them in the viewer's language.
  const labels = new Map(options.kind === "choices" ? options.choices.map((c) => [c.id, c.label]) : []);
  return optionIdsOf(options).map((id) => ({ id, label: labels.get(id) ?? null }));
}

function proposalView(p: RoomProposal, name: Names, entitledNow: readonly string[], me: string) {
  const decision = p.decision;
  const open = p.secrecy === "open";
  const liveCounts =
    open &&
    Object.fromEntries(
      optionIdsOf(p.options).map((id) => [id, p.ballots.filter((b) => b.optionId === id).length]),
    );
  return {
    proposalId: p.proposalId,
    title: p.title,
    text: p.text,
    options: optionList(p.options),
    secrecy: p.secrecy,
    quorumPercent: Math.round((100 * p.quorum.num) / p.quorum.den),
    majority: p.majority,
    linkedIdeaIds: p.linkedIdeaIds,
    openedBy: name(p.openedById),
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    voted: p.voterIds.length,
    entitled: decision ? decision.tally.entitled : new Set([...entitledNow, ...p.voterIds]).size,
    myVote: {
      voted: p.voterIds.includes(me),
      optionId: open ? (p.ballots.find((b) => b.userId === me)?.optionId ?? null) : null,
    },
    /** Open ballots: live. Secret ballots: only once closed, from the decision's tally. */
    counts: decision ? decision.tally.counts : liveCounts || null,
    /** Open ballots only: who chose what. */
    ballots: open ? p.ballots.map((b) => ({ ...b, name: name(b.userId) })) : null,
    decision: decision && {
      outcome: decision.tally.outcome,
      winningOptionId: decision.tally.winningOptionId,
      votesCast: decision.tally.votesCast,
      abstentions: decision.tally.abstentions,
      entitled: decision.tally.entitled,
      quorumMet: decision.tally.quorumMet,
      entitledNames: decision.entitledIds.map(name),
      presentNames: decision.presentIds.map(name),
      linkedIdeas: decision.linkedIdeas,
      decidedAt: decision.decidedAt,
    },
  };
}

/** Ideas, proposals and decisions, and the viewer's own rating. */
export function boardView(state: RoomState, me: string) {
  const name = namesIn(state);
  const entitledNow = entitledVoterIds(state.members);
  const mine = state.feedback.find((f) => f.userId === me);
  return {
    ideas: state.ideas.map((i) => ({
      ideaId: i.ideaId,
      authorId: i.authorId,
      author: name(i.authorId),
      text: i.text,
      postedAt: i.postedAt,
      revisions: i.revisions.map((r) => ({
        number: r.number,
        text: r.text,
        author: name(r.authorId),
        at: r.at,
      })),
      comments: i.comments.map((c) => ({
        commentId: c.commentId,
        author: name(c.authorId),
        kind: c.kind,
        text: c.text,
        at: c.at,
      })),
    })),
    proposals: state.proposals.map((p) => proposalView(p, name, entitledNow, me)),
    myFeedback: mine && mine.rating !== null ? { rating: mine.rating, comment: mine.comment } : null,
    feedbackCount: state.feedback.length,
  };
}

/** Count, mean, distribution and comments (never who gave them), for those the matrix allows. */
export function feedbackSummaryView(state: RoomState) {
  const rated = state.feedback.flatMap((f) =>
    f.rating === null ? [] : [{ rating: f.rating as Rating, comment: f.comment }],
  );
  return { ...summarizeFeedback(rated), eligible: eligibleRaterCount(state.members) };
}

/** Everything but the statistics (which move with the clock: see stats.ts) for the room page. */
export function roomPage(state: RoomState, viewer: Viewer, online: ReadonlySet<string>) {
  const kind = viewerKind(state, viewer);
  const caps = capabilities(kind, state.phase);
  const name = namesIn(state);
  const holder = state.token.holder;
  const endsAt = turnEndsAt(state.token);
  return {
    meeting: {
      id: state.meetingId,
      title: state.title,
      description: state.description,
      phase: state.phase,
      phaseSince: state.phaseSince,
      turnLimitSec: state.token.turnLimitSec,
      lastSeq: state.seq,
    },
    me: {
      userId: viewer.userId,
      role: memberRoleIn(state, viewer.userId),
      kind,
      can: caps,
      /** A member whose role follows without ever taking the floor (an observer). */
      followsOnly: memberRoleIn(state, viewer.userId) !== null && caps["token.request"] === "ROLE",
    },
    /** Where the meeting can go from here, as the phase machine says. */
    moves: {
      next: nextPhase(state.phase),
      back: previousPhase(state.phase),
      final: isFinalPhase(state.phase),
      heldBy: phaseHeldBy({
        phase: state.phase,
        openProposals: state.proposals.filter((p) => !p.closedAt).length,
      }),
    },
    /** Asking for the floor now takes it at once (free, nobody waiting). */
    takesAtOnce: takesAtOnce(state.token),
    /** Names of everyone the log refers to, for the activity feed. */
    people: state.people,
    members: state.members
      .filter((m) => m.active)
      .map((m) => ({ userId: m.userId, name: name(m.userId), role: m.role, online: online.has(m.userId) })),
    holder: holder
      ? {
          userId: holder.userId,
          name: name(holder.userId),
          since: holder.since,
          endsAt: endsAt?.getTime() ?? null,
        }
      : null,
    /** The queue in its computed order (tokens/ordering.ts), with what put each person there. */
    queue: orderQueue(state.token).map((q) => ({ ...q, name: name(q.userId) })),
    floor: {
      policy: state.token.policy,
      /** Open points of order, ahead of the queue, first raised first. */
      points: state.token.points.map((p) => ({ ...p, name: name(p.userId) })),
    },
    board: boardView(state, viewer.userId),
    feedbackSummary: caps["feedback.summary"] === null ? feedbackSummaryView(state) : null,
    record: {
      verifiedThrough: state.verifiedThrough,
      lastSeq: state.seq,
      ok: state.verifiedThrough === state.seq,
    },
    recent: state.recent,
  };
}

export type RoomPage = ReturnType<typeof roomPage>;
export type BoardView = RoomPage["board"];
export type BoardIdea = BoardView["ideas"][number];
export type BoardProposal = BoardView["proposals"][number];

/** The room after one event, in brief, for the replay card. */
export function replaySummary(state: RoomState) {
  const name = namesIn(state);
  return {
    seq: state.seq,
    /** The event that led to this state (null before the first). */
    event: state.recent[0] ?? null,
    phase: state.phase,
    holder: state.token.holder ? name(state.token.holder.userId) : null,
    waiting: state.token.queue.map((q) => name(q.userId)),
    members: state.members.filter((m) => m.active).length,
  };
}
