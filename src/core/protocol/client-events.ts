/** Any client event: a JSON object with a `type` (see the Realtime API reference for the 11 GA types). */
export type ClientEvent = { type: string; event_id?: string; [field: string]: unknown };

/** Session fields the element sets from its attributes; `extra` carries any other GA session field. The model is
 * bound to the key, so it travels with the token request, never in `session.update`. */
export interface SessionOptions {
  voice?: string | undefined;
  instructions?: string | undefined;
  extra?: Record<string, unknown> | undefined;
}

/** A GA `session.update` with only the fields that were given (unknown fields make the server reject the whole update). */
export function sessionUpdate(options: SessionOptions): ClientEvent {
  const session: Record<string, unknown> = { type: 'realtime', ...options.extra };
  if (options.instructions) session.instructions = options.instructions;
  if (options.voice) {
    const audio = (session.audio ?? {}) as Record<string, unknown>;
    session.audio = { ...audio, output: { ...(audio.output as object | undefined), voice: options.voice } };
  }
  return { type: 'session.update', session };
}

export const userText = (text: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

export const responseCreate = (): ClientEvent => ({ type: 'response.create' });
