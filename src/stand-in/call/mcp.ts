import { sleep, type CallContext } from './call-context.js';
import { obfuscation } from './events.js';
import { newId } from './ids.js';
import type { Item } from './items.js';
import type { ResponseItems, Running } from './response-items.js';
import type { McpToolConfig } from './session-config.js';

/**
 * The MCP side of a session. The stand-in reaches no MCP server: every configured server offers the stand-in's own
 * tool, listed, approved and called with the service's events and items, so a client's MCP handling can be tested.
 */
export const STAND_IN_MCP_TOOL = {
  name: 'search_docs',
  description: 'Searches the documentation (the stand-in’s own MCP tool: it finds nothing real).',
  input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};

/** The MCP server the `mcp` scenario configures, as a host's token handler would. */
export const SCENARIO_MCP_SERVER: McpToolConfig = {
  type: 'mcp',
  server_label: 'stand-in-docs',
  server_url: 'https://mcp.stand-in.invalid/mcp',
  require_approval: 'always',
};

const mcpServers = (call: CallContext) =>
  call.session.tools.filter((tool): tool is McpToolConfig => tool.type === 'mcp');

function needsApproval(server: McpToolConfig, name: string): boolean {
  const rule = server.require_approval as
    'always' | 'never' | { always?: { tool_names?: string[] }; never?: { tool_names?: string[] } } | null | undefined;
  if (rule === 'never') return false;
  if (rule && typeof rule === 'object')
    return !rule.never?.tool_names?.includes(name) || !!rule.always?.tool_names?.includes(name);
  return true;
}

export class Mcp {
  #listed = new Set<string>();

  constructor(
    private readonly call: CallContext,
    private readonly items: ResponseItems,
  ) {}

  /** Lists the tools of every MCP server the session names and this call has not listed yet. */
  async listTools(): Promise<void> {
    for (const server of mcpServers(this.call)) {
      if (this.#listed.has(server.server_label)) continue;
      this.#listed.add(server.server_label);
      const item: Item = { id: newId('mcpl'), type: 'mcp_list_tools', server_label: server.server_label, tools: [] };
      const previous = this.call.items.insert(item);
      this.call.send({ type: 'conversation.item.added', previous_item_id: previous, item });
      this.call.send({ type: 'mcp_list_tools.in_progress', item_id: item.id });
      await sleep(50, this.call.signal);
      if (this.call.signal.aborted) return;
      Object.assign(item, { tools: [STAND_IN_MCP_TOOL] });
      this.call.send({ type: 'mcp_list_tools.completed', item_id: item.id });
      this.call.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    }
  }

  /** The MCP server whose tool a message names, if any. */
  serverFor(text: string): McpToolConfig | undefined {
    return text.toLowerCase().includes(STAND_IN_MCP_TOOL.name) ? mcpServers(this.call)[0] : undefined;
  }

  /** The model wants the tool: it asks for approval first where the server requires it, else calls it. */
  async use(
    running: Running,
    index: number,
    server: McpToolConfig,
    query: string,
  ): Promise<{ item: Item; output?: string }> {
    const args = JSON.stringify({ query: query.slice(0, 200) });
    if (!needsApproval(server, STAND_IN_MCP_TOOL.name)) return this.#callTool(running, index, server, args, null);
    const item: Item = {
      id: newId('mcpr'),
      type: 'mcp_approval_request',
      server_label: server.server_label,
      name: STAND_IN_MCP_TOOL.name,
      arguments: args,
    };
    const { ids, previous } = this.items.open(running, index, item);
    return { item: this.items.close(item, ids, previous) };
  }

  /** The client answered an approval request: the call runs if approved. Undefined when `answer` answers no request here. */
  async answer(running: Running, index: number, answer: Item): Promise<{ item: Item; output?: string } | undefined> {
    if (answer.type !== 'mcp_approval_response') return undefined;
    const request = this.call.items.find(answer.approval_request_id);
    if (request?.type !== 'mcp_approval_request' || !answer.approve) return undefined;
    const server = mcpServers(this.call).find((s) => s.server_label === request.server_label);
    return server ? this.#callTool(running, index, server, request.arguments, request.id) : undefined;
  }

  async #callTool(
    running: Running,
    index: number,
    server: McpToolConfig,
    args: string,
    approvalId: string | null,
  ): Promise<{ item: Item; output?: string }> {
    const item: Item = {
      id: newId('mcp'),
      type: 'mcp_call',
      server_label: server.server_label,
      name: STAND_IN_MCP_TOOL.name,
      arguments: '',
      approval_request_id: approvalId,
      output: null,
      error: null,
    };
    const { ids, previous } = this.items.open(running, index, item);
    this.call.send({ type: 'response.mcp_call_arguments.delta', ...ids, delta: args, obfuscation: obfuscation() });
    this.call.send({ type: 'response.mcp_call_arguments.done', ...ids, arguments: args });
    this.call.send({ type: 'response.mcp_call.in_progress', item_id: item.id, output_index: index });
    await sleep(50, running.abort.signal);
    const output = JSON.stringify({
      results: [],
      note: 'The stand-in’s MCP tool found nothing: it searches no real documents.',
    });
    Object.assign(item, { arguments: args, output });
    this.call.send({ type: 'response.mcp_call.completed', item_id: item.id, output_index: index });
    return { item: this.items.close(item, ids, previous), output };
  }
}
