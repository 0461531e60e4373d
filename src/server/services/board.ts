import type { Deps } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { optionIdsOf, type OptionId, type ProposalOptions } from "@/core/decisions/ballot";
import { entitledVoterIds, type ProposalClosedEvent } from "@/core/decisions/lifecycle";
import type { CommentKind } from "@/core/ideas";
import { authorize } from "./authorize";
import { proposalState } from "./governance-state";
import { readSnapshot, type MeetingSnapshot } from "./snapshot";

// The governance side of the room, for one viewer: ideas with their history and comments,
// proposals with their votes as far as the ballot allows, decisions with their context.
// A secret ballot shows how many voted and whether the viewer did, never a count before closing
// (live counts next to "X voted" would tell what X chose).

type Decision = Omit<ProposalClosedEvent, "type">;

const iso = (d: Date) => d.toISOString();

function optionList(options: ProposalOptions): { id: OptionId; label: string | null }[] {
  // Yes / no / abstain have no stored label: the UI names them in the viewer's language.
  const labels = new Map(options.kind === "choices" ? options.choices.map((c) => [c.id, c.label]) : []);
  return optionIdsOf(options).map((id) => ({ id, label: labels.get(id) ?? null }));
}

/** Display names of everyone an id refers to: members first, then any other account (admins). */
async function namesOf(deps: Deps, snap: MeetingSnapshot, ids: Iterable<string>) {
  const names = new Map(snap.members.map((m) => [m.userId, m.name]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  if (missing.length) {
    const users = await deps.db.user.findMany({
      where: { id: { in: missing } },
      select: { id: true, name: true },
    });
    for (const u of users) names.set(u.id, u.name);
  }
  return (id: string) => names.get(id) ?? "?";
}

export async function governanceBoard(deps: Deps, actor: SessionUser, meetingId: string) {
  const snap = await readSnapshot(deps.db, meetingId);
  authorize(snap, actor, "meeting.view");
  const me = actor.userId;

  const ideas = await deps.db.idea.findMany({
    where: { meetingId },
    include: { revisions: { orderBy: { number: "asc" } }, comments: { orderBy: { seq: "asc" } } },
    orderBy: { seq: "asc" },
  });
  const proposals = await deps.db.proposal.findMany({
    where: { meetingId },
    include: {
      openVotes: { orderBy: { userId: "asc" } },
      // Who voted only: the anonymous counts of a secret ballot are not read here.
      secretVoters: { select: { userId: true } },
      decision: true,
    },
    orderBy: { seq: "asc" },
  });
  const myFeedback = await deps.db.feedback.findUnique({
    where: { meetingId_userId: { meetingId, userId: me } },
  });
  const feedbackCount = await deps.db.feedback.count({ where: { meetingId } });

  const decisions = new Map(
    proposals.map((p) => [p.id, p.decision && (JSON.parse(p.decision.context) as Decision)]),
  );
  const referenced = [
    ...ideas.flatMap((i) => [
      i.authorId,
      ...i.revisions.map((r) => r.authorId),
      ...i.comments.map((c) => c.authorId),
    ]),
    ...proposals.flatMap((p) => [p.openedById, ...p.openVotes.map((v) => v.userId)]),
    ...[...decisions.values()].flatMap((d) => (d ? [...d.entitledIds, ...d.presentIds] : [])),
  ];
  const name = await namesOf(deps, snap, referenced);
  const entitledNow = entitledVoterIds(snap.members);

  return {
    ideas: ideas.map((i) => ({
      ideaId: i.id,
      authorId: i.authorId,
      author: name(i.authorId),
      text: i.text,
      postedAt: iso(i.postedAt),
      revisions: i.revisions.map((r) => ({
        number: r.number,
        text: r.text,
        author: name(r.authorId),
        at: iso(r.at),
      })),
      comments: i.comments.map((c) => ({
        commentId: c.id,
        author: name(c.authorId),
        kind: c.kind as CommentKind,
        text: c.text,
        at: iso(c.at),
      })),
    })),
    proposals: proposals.map((row) => {
      const p = proposalState(row);
      const decision = decisions.get(row.id) ?? null;
      const voterIds =
        p.secrecy === "open" ? row.openVotes.map((v) => v.userId) : row.secretVoters.map((v) => v.userId);
      const openBallots =
        p.secrecy === "open" ? row.openVotes.map((v) => ({ userId: v.userId, optionId: v.optionId })) : null;
      const liveCounts =
        openBallots &&
        Object.fromEntries(
          optionIdsOf(p.options).map((id) => [id, openBallots.filter((b) => b.optionId === id).length]),
        );
      return {
        proposalId: p.proposalId,
        title: p.title,
        text: p.text,
        options: optionList(p.options),
        secrecy: p.secrecy,
        quorumPercent: Math.round((100 * p.quorum.num) / p.quorum.den),
        majority: p.majority,
        linkedIdeaIds: [...p.linkedIdeaIds],
        openedBy: name(row.openedById),
        openedAt: iso(row.openedAt),
        closedAt: row.closedAt ? iso(row.closedAt) : null,
        voted: voterIds.length,
        entitled: decision ? decision.tally.entitled : new Set([...entitledNow, ...voterIds]).size,
        myVote: {
          voted: voterIds.includes(me),
          optionId: openBallots?.find((b) => b.userId === me)?.optionId ?? null,
        },
        /** Open ballots: live. Secret ballots: only once closed, from the decision's tally. */
        counts: decision ? decision.tally.counts : liveCounts,
        /** Open ballots only: who chose what. */
        ballots: openBallots?.map((b) => ({ ...b, name: name(b.userId) })) ?? null,
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
          decidedAt: row.decision ? iso(row.decision.decidedAt) : null,
        },
      };
    }),
    myFeedback: myFeedback && { rating: myFeedback.rating, comment: myFeedback.comment },
    feedbackCount,
  };
}

export type GovernanceBoard = Awaited<ReturnType<typeof governanceBoard>>;
