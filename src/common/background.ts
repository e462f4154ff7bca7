/**
 * Background work of a server process (webhook delivery, reminders, recurring jobs). Every worker
 * coordinates through PostgreSQL (row locks with SKIP LOCKED, advisory locks), so any number of
 * processes can run the same workers without doing the same work twice. main.ts starts them after
 * the HTTP server and stops them before closing the database.
 */
export interface BackgroundWorker {
  name: string;
  start(): void;
  /** Finish or abandon the current unit of work (it is retried by some process later) and stop. */
  stop(): Promise<void>;
}

export async function stopAll(workers: BackgroundWorker[]): Promise<void> {
  await Promise.allSettled(workers.map((w) => w.stop()));
}
