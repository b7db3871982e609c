/** Any client event: a JSON object with a `type` (see the Realtime API reference for the 11 GA types). */
export type ClientEvent = { type: string; event_id?: string; [field: string]: unknown };

/** A function tool as the session declares it (JSON Schema parameters). */
export interface ToolDeclaration {
  name: string;
  description?: string | undefined;
  parameters?: Record<string, unknown> | undefined;
}

export const userText = (text: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

export const responseCreate = (): ClientEvent => ({ type: 'response.create' });

export const functionCallOutput = (callId: string, output: string): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'function_call_output', call_id: callId, output },
});

export const approvalResponse = (requestId: string, approve: boolean): ClientEvent => ({
  type: 'conversation.item.create',
  item: { type: 'mcp_approval_response', approval_request_id: requestId, approve },
});
