// Contention between processes (SQLite busy, Postgres serialization or a lost race on the log's
// unique sequence number) is retried; the command re-reads state, so the retry decides afresh.

const TRANSIENT_TEXT = [
  /SQLITE_BUSY/i,
  /database is locked/i,
  /could not serialize/i,
  /deadlock/i,
  /TransactionWriteConflict/,
];
// P1008: the SQLite adapter reports SQLITE_BUSY as a timeout; P2034: write conflict / deadlock;
// SQLITE_BUSY: better-sqlite3 itself, under the log's direct statements (sql-port.ts).
const TRANSIENT_CODES = new Set(["P1008", "P2034", "40001", "40P01", "SQLITE_BUSY"]);

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? "";
  return (
    TRANSIENT_CODES.has(code) || TRANSIENT_TEXT.some((re) => re.test(error.message)) || isSeqCollision(error)
  );
}

function isSeqCollision(error: unknown): boolean {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: unknown } };
  if (e?.code === "P2002") return JSON.stringify(e.meta?.target ?? "").includes("seq");
  // The audit rows are written by one raw INSERT (audit-rows.ts): its unique violations (on the
  // row id "<meeting>:<seq>" or on meetingId+seq) come back as a failed raw query (P2010), or
  // straight from better-sqlite3 on SQLite.
  if (e?.code?.startsWith("SQLITE_CONSTRAINT")) return /AuditEvent/.test((error as Error).message);
  const cause = JSON.stringify(e?.meta?.driverAdapterError ?? "");
  return e?.code === "P2010" && cause.includes("UniqueConstraintViolation") && /AuditEvent|"seq"/.test(cause);
}

export async function withTransientRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      if (i >= attempts || !isTransient(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
