// The checks `npm run test:live` runs against a Realtime service: every server event against OpenAI's published
// schemas, a text turn and a tool turn; optionally the session written as a recording the stand-in can replay.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatRecording, Recorder } from '../src/stand-in/replay/recording.js';
import { Conformance } from '../test/support/conformance.js';
import { call, type CallTarget, type Event } from '../test/support/werift-caller.js';

export interface LiveResult {
  events: number;
  mismatches: { type: string; problem: string }[];
  /** What each turn ended with: `response.done`'s status. */
  turns: { text: string; tool: string };
  /** The recording written, when asked for. */
  recording?: string;
}

const TOOL = {
  type: 'function',
  name: 'get_time',
  description: 'The current time in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const userText = (text: string) => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

export async function liveCheck(
  target: CallTarget & { model?: string },
  options: { record?: string; timeoutMs?: number } = {},
): Promise<LiveResult> {
  const conformance = new Conformance();
  const recorder = new Recorder();
  const session = {
    model: target.model ?? 'gpt-realtime-2.1',
    output_modalities: ['text'],
    instructions: 'Answer in one short sentence. When asked the time, call get_time.',
    tools: [TOOL],
  };
  const c = await call(target, session, undefined, {
    onEvent: (event) => {
      conformance.check(event);
      recorder.server(event);
    },
    onSend: (event) => recorder.client(event),
  });
  const deadline = <T>(promise: Promise<T>, what: string) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no ${what} within ${options.timeoutMs ?? 30_000} ms`)),
          options.timeoutMs ?? 30_000,
        ).unref(),
      ),
    ]);
  const responseDone = (n: number) =>
    deadline(
      c.wait((e) => e.type === 'response.done' && c.events.filter((x) => x.type === 'response.done').length === n),
      `response.done #${n}`,
    ) as Promise<Event & { response: { status: string; output: Event[] } }>;
  try {
    c.send({ type: 'session.update', event_id: 'evt_live_open', session: { type: 'realtime' } });
    await deadline(
      c.wait((e) => e.type === 'session.updated'),
      'session.updated',
    );
    c.send(userText('Say hello.'));
    c.send({ type: 'response.create' });
    const text = (await responseDone(1)).response.status;
    c.send(userText('What time is it in Tokyo? Use get_time.'));
    c.send({ type: 'response.create' });
    const first = await responseDone(2);
    const fn = first.response.output.find((item) => item.type === 'function_call');
    let tool = 'no function call';
    if (fn) {
      c.send({
        type: 'conversation.item.create',
        item: {
          type: 'function_call_output',
          call_id: fn.call_id as string,
          output: JSON.stringify({ time: '09:00' }),
        },
      });
      c.send({ type: 'response.create' });
      tool = (await responseDone(3)).response.status;
    }
    const result: LiveResult = {
      events: conformance.events,
      mismatches: conformance.mismatches,
      turns: { text, tool },
    };
    if (options.record) {
      await mkdir(options.record, { recursive: true });
      result.recording = join(options.record, `live-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
      const source = `Recorded live from ${new URL(target.baseUrl).host} (${session.model}) by npm run test:live on ${new Date().toISOString()}; keys redacted.`;
      await writeFile(
        result.recording,
        formatRecording({
          header: { source, notes: 'A text turn, then a tool turn (get_time).' },
          lines: recorder.lines,
        }),
      );
    }
    return result;
  } finally {
    await c.close();
  }
}
