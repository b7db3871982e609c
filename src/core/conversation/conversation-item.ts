// What the visitor's transcript is made of: the items, their roles and statuses.

/** `divider` marks where a lost call was replaced by a new one that carries the conversation on. */
export type ItemRole = 'user' | 'assistant' | 'system' | 'tool' | 'divider';
/**
 * `interrupted`: cut short (the visitor spoke, or the reply was stopped); `incomplete`: the service stopped it (see
 * `reason`); `failed`: it failed (a reply: see `reason`; the visitor's speech: not transcribed).
 */
export type ItemStatus = 'in_progress' | 'completed' | 'interrupted' | 'incomplete' | 'failed';
/** What kind of action a `tool` item is. */
export type ToolKind = 'function_call' | 'mcp_call' | 'mcp_list_tools' | 'mcp_approval_request';

/** One entry of the conversation, as the visitor sees it. Immutable: a changed item is a new object. */
export interface ConversationItem {
  readonly id: string;
  readonly role: ItemRole;
  readonly text: string;
  readonly status: ItemStatus;
  /** Why the service stopped or failed it (`max_output_tokens`, `content_filter`, an error code). */
  readonly reason?: string;
  /** A tool item's kind; its `name` (the function or MCP tool, or the MCP server for a tool list) and `text` (arguments). */
  readonly kind?: ToolKind;
  readonly name?: string;
  readonly callId?: string;
  /** What the tool answered, once it did. */
  readonly output?: string;
  /** An MCP server's label (MCP items). */
  readonly server?: string;
  /** An approval request's answer, once given. */
  readonly approval?: 'approved' | 'denied';
  /** An interrupted reply's whole text as generated; `text` is the part the visitor heard. */
  readonly fullText?: string;
}

/** An item with the time it was first seen (ISO 8601): what a kept transcript holds. */
export type TranscriptEntry = ConversationItem & { readonly time: string };

/** The conversation in display order. */
export type Conversation = readonly ConversationItem[];
