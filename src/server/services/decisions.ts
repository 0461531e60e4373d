import type { Deps } from "@/server/api/context";
import type { SessionUser } from "@/server/auth/session";
import { draftProposal, quorumFromPercent } from "@/core/decisions/ballot";
import { closeProposal as closeVote, openProposal as openVote } from "@/core/decisions/lifecycle";
import { castVote as cast } from "@/core/decisions/votes";
import { DomainError, notFound } from "@/core/errors";
import type { OpenProposalInput } from "@/lib/schemas/governance";
import { runCommandWith } from "./event-log";
import { authorize } from "./authorize";
import { loadIdeaTexts, loadProposal } from "./governance-state";
import { addSecretVote, destroySealedBallots, loadSealedChoices, unsealCounts } from "./secret-ballot";
import { newId } from "./ids";

export async function openProposal(deps: Deps, actor: SessionUser, input: OpenProposalInput) {
  const proposalId = newId("prop");
  await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => loadIdeaTexts(tx, snap.id),
    (snap, ideas) => {
      authorize(snap, actor, "proposal.open");
      const draft = draftProposal({
        ...input,
        text: input.text ?? "",
        quorum: quorumFromPercent(input.quorumPercent),
      });
      if (draft.linkedIdeaIds.some((id) => !ideas.has(id))) {
        throw new DomainError("BAD_REQUEST", "A linked idea is not an idea of this meeting");
      }
      return { events: [openVote(proposalId, draft)], result: null };
    },
  );
  return { proposalId };
}

/**
 * Casts (or, in an open ballot, changes) the actor's vote. A secret vote's event says only that
 * the actor voted; its choice is sealed apart in the same transaction (secret-ballot.ts).
 */
export async function castVote(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; proposalId: string; optionId: string },
) {
  const { result } = await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => loadProposal(tx, snap.id, input.proposalId),
    (snap, loaded) => {
      authorize(snap, actor, "proposal.vote");
      if (!loaded) throw notFound("Proposal");
      const { event } = cast(loaded.book, actor.userId, input.optionId);
      const secret = event.secrecy === "secret";
      return {
        events: [event],
        result: { secrecy: event.secrecy },
        unrecorded: secret
          ? (tx) => addSecretVote(tx, deps.secrets, input.proposalId, input.optionId)
          : undefined,
      };
    },
  );
  return result;
}

/**
 * Closes the vote and records the decision. Present at closing = active members with the room
 * open (connected to its live stream on this server) plus the one closing it. A secret ballot's
 * choices are opened here, counted into the tally, and deleted in the same transaction.
 */
export async function closeProposal(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; proposalId: string },
) {
  const presentIds = [...deps.presence.online(input.meetingId), actor.userId];
  const { result } = await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    async (tx, snap) => {
      const found = await loadProposal(tx, snap.id, input.proposalId);
      if (!found) return null;
      const sealed = found.book.secrecy === "secret" ? await loadSealedChoices(tx, input.proposalId) : [];
      return { ...found, sealed, ideas: await loadIdeaTexts(tx, snap.id) };
    },
    (snap, loaded) => {
      authorize(snap, actor, "proposal.close");
      if (!loaded) throw notFound("Proposal");
      // Opened only now that closing is allowed: the tally is the first and last count.
      const book =
        loaded.book.secrecy === "secret"
          ? unsealCounts(deps.secrets, loaded.book, loaded.sealed)
          : loaded.book;
      const event = closeVote(loaded.proposal, book, {
        members: snap.members,
        presentIds,
        ideas: loaded.ideas,
      });
      return {
        events: [event],
        result: { outcome: event.tally.outcome },
        unrecorded:
          event.secrecy === "secret" ? (tx) => destroySealedBallots(tx, input.proposalId) : undefined,
      };
    },
  );
  return result;
}
