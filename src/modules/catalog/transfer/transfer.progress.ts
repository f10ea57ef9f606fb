import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import { catalogTransfers } from './transfer.tables.js';

type Status = (typeof catalogTransfers.$inferSelect)['status'];

/**
 * Progress of a transfer as the page polls it: written at most a few times a second, in the background (the
 * job never waits for it), and only while the transfer is still in `status` — so a late write can never drag a
 * finished transfer back to 80 %. Writing in the background also matters on the embedded database: there a write
 * issued while the apply transaction runs simply waits for it, where awaiting it would deadlock.
 */
export class ProgressReporter {
  private chain: Promise<void> = Promise.resolve();
  private last = -1;
  private lastAt = 0;

  constructor(
    private readonly db: Db,
    private readonly transferId: string,
    private readonly status: Status,
    private readonly jobProgress: (percent: number) => Promise<void>,
    private readonly intervalMs = 250,
  ) {}

  /** Reports a fraction (0–1) of the stage done. */
  report(fraction: number): void {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (percent <= this.last) return;
    const now = Date.now();
    if (percent < 100 && now - this.lastAt < this.intervalMs) return;
    this.last = percent;
    this.lastAt = now;
    this.chain = this.chain
      .then(async () => {
        await this.db
          .update(catalogTransfers)
          .set({ progress: percent, updatedAt: sql`now()` })
          .where(and(eq(catalogTransfers.id, this.transferId), eq(catalogTransfers.status, this.status)));
        await this.jobProgress(percent);
      })
      .catch(() => {
        // Progress is a courtesy: a failed write must not fail the job.
      });
  }

  /** A reporter for a part of the stage: fractions of it map into [from, to]. */
  part(from: number, to: number): (fraction: number) => void {
    return (fraction) => this.report(from + (to - from) * Math.max(0, Math.min(1, fraction)));
  }

  /** Waits for the writes issued so far. */
  flush(): Promise<void> {
    return this.chain;
  }
}
