import { VoiceError } from '../errors.js';
import type { KnownServerEvent } from '../protocol/server-events.js';
import { SessionEvent, type SessionEventDetails } from './session-events.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { Tool, ToolRunner } from './tools.js';

type Item = Extract<KnownServerEvent, { type: 'response.output_item.done' }>['item'];

/** What the desk needs from the session. */
export interface ToolDeskHost {
  tools(): readonly Tool[];
  /** Tools the session declares that are not the page's (the host's server answers those). */
  serverTools(): ReadonlySet<string>;
  dispatch(event: SessionEvent<'toolcall'> | SessionEvent<'approval'>): boolean;
  send(event: ClientEvent): void;
  report(error: VoiceError): void;
  approve(requestId: string, approve: boolean): void;
}

/**
 * The model's requests that the page answers: page tools (run, answered, the response continued) and MCP approval
 * requests (asked of the page, else of the visitor). The runner is loaded with the first call: pages without tools
 * never fetch it.
 */
export class ToolDesk {
  #runner: Promise<ToolRunner> | undefined;

  constructor(private readonly host: ToolDeskHost) {}

  /** A response item finished: a completed function call is run; an approval request is asked. */
  async itemDone(item: Item): Promise<void> {
    if (item.type === 'function_call' && item.status === 'completed')
      (await this.#load()).run(item.name ?? '', item.call_id ?? '', item.arguments ?? '');
    if (item.type === 'mcp_approval_request') {
      const request = {
        id: item.id,
        server: item.server_label ?? '',
        name: item.name ?? '',
        arguments: item.arguments ?? '',
      };
      const detail: SessionEventDetails['approval'] = {
        request,
        respond: (approve) => this.host.approve(item.id, approve),
      };
      this.host.dispatch(new SessionEvent('approval', detail, true));
    }
  }

  /** The response that made the calls is over; chained on the runner, so it is seen after the calls. */
  responseDone(completed: boolean): void {
    void this.#runner?.then((runner) => runner.responseDone(completed));
  }

  /** The call ended: answers still on their way are dropped. */
  reset(): void {
    void this.#runner?.then((runner) => runner.reset());
  }

  #load(): Promise<ToolRunner> {
    return (this.#runner ??= import('./tools.js').then(
      ({ ToolRunner }) =>
        new ToolRunner(
          () => this.host.tools(),
          (detail) => this.host.dispatch(new SessionEvent('toolcall', detail, true)),
          (event) => this.host.send(event),
          (name, message) => this.host.report(new VoiceError('tool_failed', `${name}: ${message}`, undefined, true)),
          () => this.host.serverTools(),
        ),
    ));
  }
}
