import type { Conversation } from '../conversation/conversation.js';
import type { ClientEvent } from '../protocol/client-events.js';

// Lost calls replaced in a row before giving up; a call that stayed up this long starts the count again.
const MAX_RECONNECTS = 2;
const STABLE_MS = 30_000;
// Items carried into a replacement call, newest last.
const RESEED_LIMIT = 50;

/**
 * When a live call is lost (network, the service's time limit, a hangup), a new call takes over, seeded with what was
 * said — unless that already failed {@link MAX_RECONNECTS} times in a row.
 */
export class ReconnectPolicy {
  #inARow = 0;

  constructor(private readonly enabled: boolean) {}

  /** Whether a call that was live for `liveMs` may be replaced now; counts the attempt when it may. */
  attempt(liveMs: number): boolean {
    if (!this.enabled) return false;
    if (liveMs > STABLE_MS) this.#inARow = 0;
    if (this.#inARow >= MAX_RECONNECTS) return false;
    this.#inARow++;
    return true;
  }

  reset(): void {
    this.#inARow = 0;
  }
}

/**
 * The conversation as items to create in a replacement call: text only (the new call has no old audio), only what
 * was heard (an interrupted reply as far as it was played), never a divider or a tool call; then `carried`, the
 * visitor's messages the lost call never took in. When the visitor's last words had no answer heard, the replacement
 * is asked for one: the call went before it could reply.
 */
export function reseedEvents(items: Conversation, carried: ClientEvent[] = []): ClientEvent[] {
  const said = items
    .filter((item) => (item.role === 'user' || item.role === 'assistant') && item.text)
    .slice(-RESEED_LIMIT);
  const unanswered = carried.length || said.at(-1)?.role === 'user' ? [{ type: 'response.create' } as const] : [];
  return [...said.map(seedItem), ...carried, ...unanswered];
}

function seedItem(item: Conversation[number]): ClientEvent {
  return {
    type: 'conversation.item.create',
    item: {
      id: item.id,
      type: 'message',
      role: item.role,
      content: [{ type: item.role === 'user' ? 'input_text' : 'output_text', text: item.text }],
    },
  };
}
