import type { Caller } from "@/server/deps";
import { draftProposal, quorumFromPercent } from "@/core/decisions/ballot";
import { closeProposal as closeVote, openProposal as openVote } from "@/core/decisions/lifecycle";
import { castVote as cast } from "@/core/decisions/votes";
import { refuse } from "@/core/errors";
import type { OpenProposalInput } from "@/lib/schemas/governance";
import { runCommand } from "./event-log";
import { loadIdeaTexts, loadProposal } from "./governance-state";
import { addSecretVote, destroySealedBallots, loadSealedChoices, unsealCounts } from "./secret-ballot";
import { newId } from "./ids";
import { loadBoard } from "./board-state";
import { boardHash } from "@/core/board/hash";
import { sqlPortOf } from "@/server/db/sql-port";

export async function openProposal(ctx: Caller, input: OpenProposalInput) {
  const proposalId = newId("prop");
  await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "proposal.open",
      load: (tx, snap) => loadIdeaTexts(tx, snap.id),
    },
    (_snap, ideas) => {
      const draft = draftProposal({
        ...input,
        text: input.text ?? "",
        quorum: quorumFromPercent(input.quorumPercent),
      });
      return { events: [openVote(proposalId, draft, new Set(ideas.keys()))], result: null };
    },
  );
  return { proposalId };
}

/**
 * Casts (or, in an open ballot, changes) the actor's vote. A secret vote's event says only that
 * the actor voted; its choice is sealed apart in the same transaction (secret-ballot.ts).
 */
export async function castVote(
  ctx: Caller,
  input: { meetingId: string; proposalId: string; optionId: string },
) {
  const { result } = await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "proposal.vote",
      load: (tx, snap) => loadProposal(tx, snap.id, input.proposalId),
    },
    (_snap, loaded) => {
      if (!loaded) throw refuse("PROPOSAL_NOT_FOUND");
      const { event } = cast(loaded.book, ctx.session.userId, input.optionId);
      const secret = event.secrecy === "secret";
      return {
        events: [event],
        result: { secrecy: event.secrecy },
        unrecorded: secret
          ? (tx) => addSecretVote(tx, ctx.secrets, input.proposalId, input.optionId)
          : undefined,
      };
    },
  );
  return result;
}

/**
 * Closes the vote and records the decision. Present at closing = active members with the room
 * open (connected to its live stream on this server) plus the one closing it. A secret ballot's
 * choices are opened here, counted into the tally, and deleted in the same transaction. The
 * decision records the hash of the board as it stands (read in the same locked transaction).
 */
export async function closeProposal(ctx: Caller, input: { meetingId: string; proposalId: string }) {
  const presentIds = [...ctx.presence.online(input.meetingId), ctx.session.userId];
  const { result } = await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "proposal.close",
      // Loaded after the table allowed the closing (the runner asks first).
      load: async (tx, snap) => {
        const found = await loadProposal(tx, snap.id, input.proposalId);
        if (!found) return null;
        const sealed = found.book.secrecy === "secret" ? await loadSealedChoices(tx, input.proposalId) : [];
        const board = await loadBoard(await sqlPortOf(ctx.db, tx), snap.id);
        return { ...found, sealed, ideas: await loadIdeaTexts(tx, snap.id), board };
      },
    },
    (snap, loaded) => {
      if (!loaded) throw refuse("PROPOSAL_NOT_FOUND");
      // Opened only now that closing is allowed: the tally is the first and last count.
      const book =
        loaded.book.secrecy === "secret"
          ? unsealCounts(ctx.secrets, loaded.book, loaded.sealed)
          : loaded.book;
      const event = closeVote(loaded.proposal, book, {
        members: snap.members,
        presentIds,
        ideas: loaded.ideas,
        boardHash: boardHash(loaded.board),
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
