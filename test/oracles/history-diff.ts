import type { HistoryItem } from './history-item.js';

/** What one side shows of an item (null: the item is not in its history). */
export type Shown = { text: string; status: string | null } | null;

export interface HistoryDifference {
  recording: string;
  itemId: string;
  ours: Shown;
  theirs: Shown;
}

// Our `interrupted` is the service's `incomplete` for a cut reply: the same state, in a word a visitor reads.
const sameStatus: Record<string, string> = { interrupted: 'incomplete' };

const status = (item: HistoryItem) => (item.status === undefined ? null : (sameStatus[item.status] ?? item.status));
const shown = (item: HistoryItem | undefined): Shown => (item ? { text: item.text, status: status(item) } : null);

/** Every item either side holds whose visible text or status differs (or that only one side holds), ours first. */
export function compareHistories(recording: string, ours: HistoryItem[], theirs: HistoryItem[]) {
  const ids = [...new Set([...ours, ...theirs].map((item) => item.id))];
  const differences: HistoryDifference[] = [];
  for (const itemId of ids) {
    const pair = { ours: shown(ours.find((i) => i.id === itemId)), theirs: shown(theirs.find((i) => i.id === itemId)) };
    if (JSON.stringify(pair.ours) !== JSON.stringify(pair.theirs)) differences.push({ recording, itemId, ...pair });
  }
  return { compared: ids.length, differences };
}
