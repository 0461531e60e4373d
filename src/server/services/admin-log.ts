import type { Tx } from "@/server/db/client";
import type { Deps } from "@/server/api/context";
import type { AdminAuditAction } from "@/core/admin-audit/events";
import { ADMIN_CHAIN_GENESIS, adminAuditRow } from "@/core/admin-audit/chain";
import { withTransientRetry } from "./retry";
import { publishSessionsEnded } from "./session-revocation";

/** What an admin command writes to the log, and whose sessions it ends. */
export interface AdminOutcome<T> {
  result: T;
  entries: { targetUserId: string | null; event: AdminAuditAction }[];
  /** Accounts whose open connections must drop now (their tokens already fail: sv bumped). */
  endSessionsOf?: string[];
}

/**
 * Takes the admin log's write lock: the head row is created once, then every command updates it
 * first. SQLite's write lock or Postgres' row lock then serialises all admin commands, so rules
 * that count accounts (the last active admin) cannot race.
 */
async function lockHead(tx: Tx): Promise<{ lastSeq: number; lastHash: string }> {
  await tx.$executeRaw`INSERT INTO "AdminAuditHead" ("id", "lastSeq", "lastHash") VALUES (1, 0, ${ADMIN_CHAIN_GENESIS}) ON CONFLICT ("id") DO NOTHING`;
  await tx.$executeRaw`UPDATE "AdminAuditHead" SET "lastSeq" = "lastSeq" WHERE "id" = 1`;
  return tx.adminAuditHead.findUniqueOrThrow({ where: { id: 1 }, select: { lastSeq: true, lastHash: true } });
}

type Entry = AdminOutcome<unknown>["entries"][number];

async function writeEntries(
  tx: Tx,
  head: { lastSeq: number; lastHash: string },
  actorId: string | null,
  at: Date,
  entries: readonly Entry[],
): Promise<void> {
  let { lastSeq, lastHash } = head;
  for (const { targetUserId, event } of entries) {
    const row = adminAuditRow(lastHash, { seq: ++lastSeq, at, actorId, targetUserId, event });
    await tx.adminAuditEvent.create({ data: row });
    lastHash = row.hash;
  }
  if (entries.length) await tx.adminAuditHead.update({ where: { id: 1 }, data: { lastSeq, lastHash } });
}

/**
 * Appends entries inside a transaction that is not an admin command (a sign-in's lock, say),
 * so the change and its record commit together. Takes the log's lock only now, at the end: such
 * transactions must lock nothing an admin command locks after the log's head.
 */
export async function appendAdminEntries(
  tx: Tx,
  actorId: string | null,
  at: Date,
  entries: readonly Entry[],
): Promise<void> {
  if (entries.length) await writeEntries(tx, await lockHead(tx), actorId, at, entries);
}

/**
 * Runs one command that changes accounts or settings: lock, decide and write (the callback), then
 * append its audit entries to the hash chain, all in one transaction, so no change lands without
 * its record. A refused command throws before anything is written.
 */
export async function runAdminCommand<T>(
  deps: Pick<Deps, "db" | "clock" | "bus">,
  actorId: string | null,
  command: (tx: Tx, at: Date) => Promise<AdminOutcome<T>>,
): Promise<T> {
  const outcome = await withTransientRetry(() =>
    deps.db.$transaction(
      async (tx) => {
        const head = await lockHead(tx);
        const at = deps.clock.now();
        const outcome = await command(tx, at);
        await writeEntries(tx, head, actorId, at, outcome.entries);
        return outcome;
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishSessionsEnded(deps, outcome.endSessionsOf ?? []);
  return outcome.result;
}
