/**
 * Time per sentence, measured in the workspace (stored by server/segment-time.ts, exported per
 * sentence and annotator, summarised on the quality page).
 *
 * What counts: the time a sentence is the current one and not yet confirmed, summed over visits.
 * Time with the page hidden, on a confirmed sentence, or after IDLE_CAP_MS without any input (key,
 * pointer, wheel) does not count: an annotator who reads a sentence for five minutes without
 * touching anything is charged one minute, and a tab left open over lunch nothing more.
 *
 * The clock is pure (time is passed in), so it is unit-tested without timers.
 */

/** A gap without input counts at most this long (then the annotator is taken to be away). */
export const IDLE_CAP_MS = 60_000;

export interface TimeEntry {
  segmentId: string;
  ms: number;
}

export class SentenceClock {
  private current: string | null = null;
  /** Charged up to here. */
  private last = 0;
  private lastInput = 0;
  private pending = new Map<string, number>();

  /** The sentence now being worked on, or null (confirmed, page hidden, workspace left). */
  focus(segmentId: string | null, now: number): void {
    this.charge(now);
    this.current = segmentId;
    this.lastInput = now;
  }

  /** A key, pointer or wheel event: the annotator is there. */
  input(now: number): void {
    this.charge(now);
    this.lastInput = now;
  }

  /** The time charged since the last take, per sentence (whole milliseconds, none of 0). */
  take(now: number): TimeEntry[] {
    this.charge(now);
    const out: TimeEntry[] = [];
    for (const [segmentId, ms] of this.pending) if (Math.round(ms) > 0) out.push({ segmentId, ms: Math.round(ms) });
    this.pending.clear();
    return out;
  }

  /** Entries taken whose sending failed and may be retried: they count again at the next take. */
  restore(entries: readonly TimeEntry[]): void {
    for (const e of entries) this.add(e.segmentId, e.ms);
  }

  private add(segmentId: string, ms: number) {
    this.pending.set(segmentId, (this.pending.get(segmentId) ?? 0) + ms);
  }

  /** Adds [last, now] to the current sentence, cut off IDLE_CAP_MS after the last input. */
  private charge(now: number) {
    const end = Math.min(now, this.lastInput + IDLE_CAP_MS);
    if (this.current !== null && end > this.last) this.add(this.current, end - this.last);
    this.last = now;
  }
}
