// Prisma's SQLite adapter runs every query on one connection and serialises only transactions
// with each other: a query made outside a transaction while one is open (another request's
// sign-in, a read of the room) ran INSIDE it, saw its uncommitted rows, and was rolled back with
// it when that command was refused (tests/integration/connection-lock.test.ts lost 70% of such
// writes). So the connection takes one thing at a time: a whole transaction, or one statement.
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";

/** A FIFO lock: `acquire` resolves to the function that releases it. */
export class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    return previous.then(() => release);
  }

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The transaction, releasing `release` once (and only once) when it commits or rolls back. */
function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      if (!released) release();
      released = true;
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  };
}

/**
 * The adapter with its connection under `lock`: statements outside a transaction wait for the
 * open transaction to end, and a transaction holds the lock from BEGIN to COMMIT or ROLLBACK.
 * `beforeDispose` runs first when Prisma lets go of the adapter.
 */
export function lockedAdapter(
  adapter: SqlDriverAdapter,
  lock: ConnectionLock,
  beforeDispose: () => Promise<void>,
): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        return releasingOnEnd(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: async () => {
      await beforeDispose();
      await adapter.dispose();
    },
  };
}
