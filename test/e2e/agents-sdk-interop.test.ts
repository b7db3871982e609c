import { expect } from '@open-wc/testing';
import type * as AgentsRealtime from '@openai/agents-realtime';
import { standInBaseUrl } from '../support/stand-in.js';

// The stand-in is built to the real protocol, not to our element: OpenAI's own WebRTC transport holds a conversation with it.
// The package's browser bundle is self-contained (its module entry pulls Node-only dependencies into a browser).
const SDK_BUNDLE = '/node_modules/@openai/agents-realtime/dist/bundle/openai-realtime-agents.mjs';

describe('OpenAI Agents SDK (WebRTC transport) against the stand-in', () => {
  it('connects with an ephemeral key, sends a message and receives the streamed, spoken reply', async () => {
    const { OpenAIRealtimeWebRTC } = (await import(/* @vite-ignore */ SDK_BUNDLE)) as typeof AgentsRealtime;
    const { value } = await (await fetch('/token', { method: 'POST' })).json();
    const mediaStream = await navigator.mediaDevices.getUserMedia({ audio: true });
    // The fake microphone speaks; silenced, so the stand-in's turn detection does not answer it before the typed message.
    mediaStream.getAudioTracks()[0].enabled = false;
    const transport = new OpenAIRealtimeWebRTC({ baseUrl: `${await standInBaseUrl()}/realtime/calls`, mediaStream });
    const events: { type: string; [k: string]: unknown }[] = [];
    transport.on('*', (event) => events.push(event as { type: string }));
    // The SDK emits an event under its own type only when its parser accepted it (else only as a generic '*').
    const parsed = new Set<string>();
    const checked = [
      'session.created',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.output_audio_transcript.delta',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'conversation.item.done',
      'response.output_item.done',
      'response.done',
    ] as const;
    for (const type of checked) transport.on(type as never, () => parsed.add(type));
    try {
      await transport.connect({
        apiKey: value,
        model: 'gpt-realtime-2.1',
        initialSessionConfig: { instructions: 'Answer briefly.' },
      });
      expect(transport.status).to.equal('connected');
      const done = new Promise<void>((resolve) => transport.on('turn_done', () => resolve()));
      transport.sendMessage('Hello from the Agents SDK', {});
      await done;
      const types = events.map((e) => e.type);
      expect(types).to.include.members([
        'session.created',
        'session.updated',
        'response.created',
        'response.output_audio_transcript.delta',
        'response.done',
      ]);
      expect(types).not.to.include('error');
      expect(
        checked.filter((type) => !parsed.has(type)),
        'events the SDK’s parser refused',
      ).to.deep.equal([]);
      const transcript = events.find((e) => e.type === 'response.output_audio_transcript.done') as
        { transcript: string } | undefined;
      expect(transcript?.transcript).to.contain('Hello from the Agents SDK');
    } finally {
      transport.close();
      for (const track of mediaStream.getTracks()) track.stop();
    }
  });
});
