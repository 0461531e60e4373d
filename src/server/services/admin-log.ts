import type { Tx } from "@/server/db/client";
import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import { assertAllowedGlobally, type GlobalAction } from "@/core/permissions";
import type { AdminAuditAction } from "@/core/admin-audit/events";
import { ADMIN_CHAIN_GENESIS, adminAuditRow } from "@/core/admin-audit/chain";
import { withTransientRetry } from "./retry";
import { publishSessionsEnded } from "./session-revocation";

/** One entry of the admin audit log: what happened, and to whom (null: to the instance). */
interface AdminEntry {
  targetUserId: string | null;
  event: AdminAuditAction;
}

/**
 * A change an admin command makes. `write` gets the only writable transaction of the command, so
 * the change cannot be separated from the one entry that records it.
 */
interface AdminChange<T> {
  write: (tx: Tx, at: Date) => Promise<T>;
  /** The entry, or how to word it from what was written (a new account's id). */
  entry: AdminEntry | ((written: T) => AdminEntry);
  /** Accounts whose open connections must drop now (their tokens already fail: sv bumped). */
  endSessionsOf?: readonly string[];
}

/** What an admin command decides: a change with its entry, or that nothing changes. */
type AdminDecision<T> = AdminChange<T> | { unchanged: T };

const READ_METHODS = [
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
];
type ReadMethod =
  "findUnique" | "findUniqueOrThrow" | "findFirst" | "findFirstOrThrow" | "findMany" | "count";
type Model = Exclude<keyof Tx, `$${string}` | symbol>;

/** The transaction as a command sees it while deciding: it can read every table, write none. */
export type ReadTx = { [M in Model]: Pick<Tx[M], Extract<keyof Tx[M], ReadMethod>> };

/** Enforces ReadTx at run time too: a write while deciding throws (and rolls everything back). */
function readOnly(tx: Tx): ReadTx {
  return new Proxy(tx, {
    get(target, model) {
      const delegate = Reflect.get(target, model) as object;
      if (typeof model !== "string" || model.startsWith("$")) {
        throw new Error(`An admin command decides by reading; ${String(model)} is not a read`);
      }
      return new Proxy(delegate, {
        get(d, method) {
          if (typeof method === "string" && READ_METHODS.includes(method)) return Reflect.get(d, method);
          throw new Error(`An admin command decides by reading; ${model}.${String(method)} is not a read`);
        },
      });
    },
  }) as unknown as ReadTx;
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

/** What an account event writes to the log outside an admin command (see runAccountCommand). */
interface AccountOutcome<T> {
  result: T;
  entries: readonly AdminEntry[];
  endSessionsOf?: readonly string[];
}

async function writeEntries(
  tx: Tx,
  head: { lastSeq: number; lastHash: string },
  actorId: string | null,
  at: Date,
  entries: readonly AdminEntry[],
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
  entries: readonly AdminEntry[],
): Promise<void> {
  if (entries.length) await writeEntries(tx, await lockHead(tx), actorId, at, entries);
}

/**
 * An account event that no session asks for (a second factor spent while signing in, the first
 * admin created at start): the log's lock first, as admin commands take it, then the change and
 * its entries in the same transaction. What changes nothing records nothing.
 */
export async function runAccountCommand<T>(
  deps: Pick<Deps, "db" | "clock" | "bus">,
  actorId: string | null,
  command: (tx: Tx, at: Date) => Promise<AccountOutcome<T>>,
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

/**
 * Runs one command that changes accounts or settings: ask the permission table, lock the admin
 * log, decide (reading only), then write the change AND append its one audit entry to the hash
 * chain, all in one transaction. A refused command throws before anything is written; one that
 * changes nothing writes nothing, not even an entry.
 */
export async function runAdminCommand<T>(
  deps: Pick<Deps, "db" | "clock" | "bus">,
  command: { actor: SessionUser; action: GlobalAction },
  decide: (read: ReadTx, at: Date) => Promise<AdminDecision<T>>,
): Promise<T> {
  assertAllowedGlobally(command.actor, command.action);
  const outcome = await withTransientRetry(() =>
    deps.db.$transaction(
      async (tx) => {
        const head = await lockHead(tx);
        const at = deps.clock.now();
        const decision = await decide(readOnly(tx), at);
        if ("unchanged" in decision) return { result: decision.unchanged, endSessionsOf: [] };
        const result = await decision.write(tx, at);
        const entry = typeof decision.entry === "function" ? decision.entry(result) : decision.entry;
        await writeEntries(tx, head, command.actor.userId, at, [entry]);
        return { result, endSessionsOf: decision.endSessionsOf ?? [] };
      },
      { maxWait: 10_000, timeout: 20_000 },
    ),
  );
  await publishSessionsEnded(deps, outcome.endSessionsOf);
  return outcome.result;
}
