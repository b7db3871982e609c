/** One item of a conversation as both history oracles see it: who, what a visitor reads, and its status. */
export interface HistoryItem {
  id: string;
  role: string;
  text: string;
  status: string | undefined;
}
