import type { Tx } from "@/server/db/client";
import type { OptionId } from "@/core/decisions/ballot";
import type { SecretVoteBook } from "@/core/decisions/votes";

// Storage of a secret ballot. Two tables share nothing but the proposal id: SecretBallotVoter
// (who voted: written by the vote.cast projection) and SecretBallotCount (how many chose each
// option: written here, outside the event log, because the event must not carry the choice).
// Neither table has a timestamp. The count rows exist from the proposal's opening, and every vote
// rewrites ALL of them in one statement: the rows keep their order, and on Postgres every row
// carries the same xmin/cmin, so no row-level trace says which option the latest voter chose.

export async function createSecretCounts(tx: Tx, proposalId: string, optionIds: readonly OptionId[]) {
  await tx.secretBallotCount.createMany({ data: optionIds.map((optionId) => ({ proposalId, optionId })) });
}

/** Adds one anonymous vote to `optionId`; fails loudly if the option has no count row. */
export async function addSecretVote(tx: Tx, proposalId: string, optionId: OptionId): Promise<void> {
  const rows = await tx.$executeRaw`
    UPDATE "SecretBallotCount"
    SET "count" = "count" + CASE WHEN "optionId" = ${optionId} THEN 1 ELSE 0 END
    WHERE "proposalId" = ${proposalId}`;
  const target = await tx.secretBallotCount.count({ where: { proposalId, optionId } });
  if (rows === 0 || target !== 1) throw new Error(`No secret count for ${proposalId}/${optionId}`);
}

export async function loadSecretBook(
  tx: Tx,
  proposalId: string,
  optionIds: readonly OptionId[],
  closed: boolean,
): Promise<SecretVoteBook> {
  const voters = await tx.secretBallotVoter.findMany({ where: { proposalId }, select: { userId: true } });
  const counts = await tx.secretBallotCount.findMany({ where: { proposalId } });
  return {
    proposalId,
    optionIds,
    closed,
    secrecy: "secret",
    voters: voters.map((v) => v.userId).sort(),
    counts: Object.fromEntries(counts.map((c) => [c.optionId, c.count])),
  };
}
