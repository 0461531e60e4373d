// SQLite checkpoints its write-ahead log inside whichever commit crosses 1,000 pages, and
// better-sqlite3 runs on the event loop: about every hundredth command stalled every user for
// the copy and its fsync (a few ms here, far more on slow disks). So the app's connection never
// checkpoints; a worker thread with its own connection does, in PASSIVE mode, which neither
// waits for nor blocks readers and writers.
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** SQLite's own default, restored if the worker cannot run. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or interrupted: the next round copies what this one could not.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

interface WalCheckpointer {
  /** Checkpoints once more and ends the worker. */
  stop(): Promise<void>;
}

interface WalCheckpointerOptions {
  intervalMs?: number;
  busyTimeoutMs?: number;
  /** Told when the worker fails; the connection then checkpoints by itself again. */
  onError?: (error: Error) => void;
}

export function startWalCheckpointer(
  connection: Database.Database,
  file: string,
  { intervalMs = 500, busyTimeoutMs = 5_000, onError = defaultOnError }: WalCheckpointerOptions = {},
): WalCheckpointer {
  connection.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, busyTimeoutMs } });
  // A forgotten $disconnect must not keep the process alive.
  worker.unref();
  // Not events.once: it would reject on the worker's "error", which onError already reports.
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (error) => {
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    onError(error);
  });
  return {
    async stop() {
      worker.ref(); // wait for the last checkpoint even if nothing else keeps the process up
      worker.postMessage("stop");
      await exited;
    },
  };
}

function defaultOnError(error: Error): void {
  console.warn(`SQLite checkpoints fall back to the app's connection: ${error.message}`);
}
