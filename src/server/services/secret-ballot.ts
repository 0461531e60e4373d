import { randomBytes } from "node:crypto";
import type { Db, Tx } from "@/server/db/client";
import type { SecretBox } from "@/server/security/secret-box";
import type { OptionId } from "@/core/decisions/ballot";
import type { SecretVoteBook } from "@/core/decisions/votes";

// Storage of a secret ballot. Two tables share nothing but the proposal id: SecretBallotVoter
// (who voted: written by the vote.cast projection) and SealedBallot (the choices, written here,
// outside the event log, because the event must not carry the choice).
//
// Nothing readable without the keyring depends on the choices until the vote closes:
// - each choice is sealed with the SecretBox (AES-256-GCM, a fresh IV each time), padded to one
//   length, so neither the ciphertext nor its size tells one option from another, and two equal
//   choices never look alike;
// - there are no counts in the clear (a copy of the database after each vote showed
//   [1,0,0] then [1,1,0]: with the order of vote.cast events in the log, every voter's choice);
// - every vote re-seals ALL of the proposal's choices under new random keys and rewrites them in
//   one statement, so no row is "the new one": the rows carry no voter and no time, and their
//   order (random keys; on Postgres one xmin/cmin for all) matches nothing in the log;
// - closing opens and counts them once, for the tally, then deletes them (on SQLite the app's
//   connection runs with secure_delete, so the freed space is zeroed).
// Someone holding the keyring AND copies of the database taken between votes can still compare
// the choices before and after a vote: see the README, "Meeting phases, votes".

/** Every sealed choice has this many bytes before encryption, whatever the option. */
const SEALED_CHOICE_BYTES = 32;

const ballotAad = (proposalId: string) => `secret-ballot:${proposalId}`;

function sealChoice(secrets: SecretBox, proposalId: string, optionId: OptionId): string {
  const text = JSON.stringify(optionId);
  const padding = SEALED_CHOICE_BYTES - Buffer.byteLength(text);
  if (padding < 0) throw new Error(`Option id too long to seal: ${optionId.length} characters`);
  return secrets.encrypt(text + " ".repeat(padding), ballotAad(proposalId));
}

function openChoice(secrets: SecretBox, proposalId: string, sealed: string): OptionId {
  return JSON.parse(secrets.decrypt(sealed, ballotAad(proposalId))) as OptionId;
}

async function openChoices(tx: Tx, secrets: SecretBox, proposalId: string): Promise<OptionId[]> {
  return (await loadSealedChoices(tx, proposalId)).map((sealed) => openChoice(secrets, proposalId, sealed));
}

/** Replaces all of the proposal's sealed rows by `choices`, freshly sealed, in random order. */
async function rewriteChoices(tx: Tx, secrets: SecretBox, proposalId: string, choices: readonly OptionId[]) {
  const rows = choices
    .map((optionId) => ({
      proposalId,
      id: randomBytes(16).toString("hex"),
      sealed: sealChoice(secrets, proposalId, optionId),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  await tx.sealedBallot.deleteMany({ where: { proposalId } });
  if (rows.length) await tx.sealedBallot.createMany({ data: rows });
}

/**
 * Adds one anonymous choice, in the vote's transaction (the meeting is locked). The option was
 * checked by the core (castVote) against the proposal's options.
 */
export async function addSecretVote(
  tx: Tx,
  secrets: SecretBox,
  proposalId: string,
  optionId: OptionId,
): Promise<void> {
  const choices = await openChoices(tx, secrets, proposalId);
  await rewriteChoices(tx, secrets, proposalId, [...choices, optionId]);
}

/** After closing: the choices were counted into the decision; nothing of them is kept. */
export async function destroySealedBallots(tx: Tx, proposalId: string): Promise<void> {
  await tx.sealedBallot.deleteMany({ where: { proposalId } });
}

/** The book of a secret ballot as a vote needs it: who voted; the counts stay sealed (null). */
export async function loadSecretBook(
  tx: Tx,
  proposalId: string,
  optionIds: readonly OptionId[],
  closed: boolean,
): Promise<SecretVoteBook> {
  const voters = await tx.secretBallotVoter.findMany({ where: { proposalId }, select: { userId: true } });
  return {
    proposalId,
    optionIds,
    closed,
    secrecy: "secret",
    voters: voters.map((v) => v.userId).sort(),
    counts: null,
  };
}

/** The sealed choices as stored, for closing (opened by unsealCounts once closing is allowed). */
export async function loadSealedChoices(tx: Tx, proposalId: string): Promise<string[]> {
  const rows = await tx.sealedBallot.findMany({ where: { proposalId }, select: { sealed: true } });
  return rows.map((r) => r.sealed);
}

/** The book with its counts, opened from the sealed choices: what the tally at closing needs. */
export function unsealCounts(
  secrets: SecretBox,
  book: SecretVoteBook,
  sealed: readonly string[],
): SecretVoteBook {
  const counts: Record<OptionId, number> = Object.fromEntries(book.optionIds.map((id) => [id, 0]));
  for (const value of sealed) {
    const optionId = openChoice(secrets, book.proposalId, value);
    if (!(optionId in counts))
      throw new Error(`A sealed choice of ${book.proposalId} is not one of its options`);
    counts[optionId] += 1;
  }
  return { ...book, counts };
}

/**
 * After a new key was put first in SECRETS_KEYRING: re-seals the choices of every open secret
 * vote that still uses an older key (all of a proposal's rows at once, as a vote does), so the
 * old key can be removed. Returns how many choices were re-sealed.
 */
export async function resealSecretBallots(deps: { db: Db; secrets: SecretBox }): Promise<number> {
  const proposals = await deps.db.proposal.findMany({
    where: { secrecy: "secret", closedAt: null, sealedBallots: { some: {} } },
    select: { id: true, meetingId: true },
  });
  let resealed = 0;
  for (const { id, meetingId } of proposals) {
    resealed += await deps.db.$transaction(async (tx) => {
      // The meeting's command lock (services/event-log.ts): no vote rewrites these rows meanwhile.
      await tx.$executeRaw`UPDATE "Meeting" SET "lastSeq" = "lastSeq" WHERE "id" = ${meetingId}`;
      const sealed = await loadSealedChoices(tx, id);
      if (!sealed.some((value) => deps.secrets.needsRotation(value))) return 0;
      const choices = sealed.map((value) => openChoice(deps.secrets, id, value));
      await rewriteChoices(tx, deps.secrets, id, choices);
      return choices.length;
    });
  }
  return resealed;
}
