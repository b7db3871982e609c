// OpenAI's own history logic: the Agents SDK's RealtimeSession, fed a recording's server events through a transport
// that only replays them (its real message parser and `updateRealtimeHistory` do the rest).
import { OpenAIRealtimeBase, RealtimeAgent, RealtimeSession, type RealtimeItem } from '@openai/agents-realtime';
import type { HistoryItem } from './history-item.js';

type Json = Record<string, unknown>;

/** A transport with no wire: server events go in through the SDK's own `_onMessage`; what it sends is dropped. */
class ReplayTransport extends OpenAIRealtimeBase {
  readonly muted = null;
  get status() {
    return 'connected' as const;
  }
  async connect(): Promise<void> {}
  // A replay has no service to answer: the `conversation.item.retrieve` it sends after a truncation goes nowhere.
  sendEvent(): void {}
  mute(): void {}
  close(): void {}
  interrupt(): void {}
  replay(event: Json): void {
    this._onMessage({ data: JSON.stringify(event) } as MessageEvent);
  }
}

type Part = { type: string; text?: string | null; transcript?: string | null };

/** What a visitor would read of one SDK history item: a message's text, a tool call's arguments. */
function visible(item: RealtimeItem): HistoryItem {
  if (item.type === 'message') {
    const text = (item.content as Part[]).map((part) => part.text ?? part.transcript ?? '').join('');
    return { id: item.itemId, role: item.role, text, status: 'status' in item ? item.status : undefined };
  }
  const args = typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments);
  return { id: item.itemId, role: 'tool', text: args, status: 'status' in item ? item.status : undefined };
}

/** The SDK's history after every server event of a recording. */
export async function agentsHistory(events: Json[]): Promise<{ items: HistoryItem[]; errors: string[] }> {
  const transport = new ReplayTransport();
  const session = new RealtimeSession(new RealtimeAgent({ name: 'oracle' }), { transport });
  const errors: string[] = [];
  // The session reports a function call it has no tool for as an error; that is not about history.
  session.on('error', ({ error }) => errors.push(String((error as Error)?.message ?? error)));
  await session.connect({ apiKey: 'ek_oracle' });
  for (const event of events) transport.replay(event);
  return { items: session.history.map(visible), errors };
}
