import type { ClientEvent } from '../protocol/client-events.js';

/**
 * The reply that opens a conversation: the page's words said as they are, or (an empty greeting) the model's own
 * greeting from its instructions. Out of any visitor turn: nothing the visitor said asked for it.
 */
export function greetingRequest(greeting: string): ClientEvent {
  const words = greeting.trim();
  const instructions = words
    ? `Open the conversation by greeting the visitor with exactly these words, and nothing else: ${JSON.stringify(words)}`
    : 'Open the conversation with a short greeting, as your instructions say, and offer your help.';
  return { type: 'response.create', response: { instructions } };
}
