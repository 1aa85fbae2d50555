// A place in the event log. The log's order is (tx_id, seq), not seq alone: see event.repository.ts.
export interface LogPosition {
  /** The inserting transaction's id (xid8, as a decimal string). */
  readonly txId: string;
  /** The event's sequence number (bigint, as a decimal string). */
  readonly seq: string;
}

/** Before the first event. */
export const LOG_START: LogPosition = Object.freeze({ txId: '0', seq: '0' });

export function comparePositions(a: LogPosition, b: LogPosition): number {
  return compareDecimal(a.txId, b.txId) || compareDecimal(a.seq, b.seq);
}

// Both are unsigned decimal strings up to 2^64, past what a double holds exactly.
function compareDecimal(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
