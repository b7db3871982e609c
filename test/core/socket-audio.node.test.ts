import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../src/core/call/call.js';
import type { VoiceError } from '../../src/core/errors.js';
import { applyEffects, type EffectsHost } from '../../src/core/session/server-event-effects.js';
import { pinSocketAudio, socketAudioMismatch } from '../../src/core/transport/socket/socket-audio.js';

const pcm = { type: 'audio/pcm', rate: 24000 };

describe('WebSocket audio: 24 kHz PCM pinned and checked', () => {
  it('the opening update pins both formats over the host’s or the page’s choice, keeping their other fields', () => {
    const update = pinSocketAudio({
      type: 'session.update',
      session: { type: 'realtime', audio: { output: { voice: 'marin', format: { type: 'audio/pcmu' } } } },
    });
    assert.deepEqual(update.session, {
      type: 'realtime',
      audio: { input: { format: pcm }, output: { voice: 'marin', format: pcm } },
    });
  });

  it('a session that still says G.711, or another rate, is named; 24 kHz PCM is fine', () => {
    assert.equal(socketAudioMismatch({ audio: { input: { format: pcm }, output: { format: pcm } } }), undefined);
    assert.match(
      socketAudioMismatch({ audio: { input: { format: pcm }, output: { format: { type: 'audio/pcmu' } } } })!,
      /^output audio is .*pcmu.*not 24 kHz PCM$/,
    );
    assert.match(
      socketAudioMismatch({
        audio: { input: { format: { type: 'audio/pcm', rate: 16000 } }, output: { format: pcm } },
      })!,
      /^input audio/,
    );
  });

  it('a session.updated with the wrong format ends a WebSocket call with audio_format_unsupported', () => {
    const failed: VoiceError[] = [];
    const host = { fail: (error: VoiceError) => failed.push(error) } as unknown as EffectsHost;
    const call = { transport: { kind: 'websocket' } } as unknown as Call;
    const session = { audio: { input: { format: pcm }, output: { format: { type: 'audio/pcma' } } } };
    assert.equal(applyEffects(host, call, { type: 'session.updated', session } as never), false);
    assert.deepEqual(
      failed.map((error) => error.code),
      ['audio_format_unsupported'],
    );
  });
});
