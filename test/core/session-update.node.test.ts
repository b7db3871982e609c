import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredSettings, undeclaredTools, sessionUpdate } from '../../src/core/session/session-update.js';

// What a host's token handler configured, as `session.created` shows it.
const hostSession = {
  type: 'realtime',
  instructions: 'Host instructions',
  tools: [{ type: 'function', name: 'lookup_order', parameters: { type: 'object' } }],
  audio: {
    input: {
      transcription: { model: 'gpt-4o-transcribe', language: 'ja', prompt: 'Product names: Zephyr' },
      noise_reduction: { type: 'far_field' },
      turn_detection: {
        type: 'server_vad',
        threshold: 0.7,
        prefix_padding_ms: 200,
        silence_duration_ms: 900,
        idle_timeout_ms: 8000,
        create_response: true,
        interrupt_response: false,
      },
    },
    output: { voice: 'marin', speed: 1 },
  },
};
const input = (update: ReturnType<typeof sessionUpdate>) =>
  (update.session as { audio?: { input?: Record<string, unknown> } }).audio?.input ?? {};

describe('session.update built over the effective session', () => {
  it('sends nothing the page did not set (the host’s settings stay untouched)', () => {
    const update = sessionUpdate({}, hostSession, { transcribeByDefault: true });
    assert.deepEqual(update, { type: 'session.update', session: { type: 'realtime' } });
  });

  it('turns transcription on with the default model only when the session does not transcribe', () => {
    const off = { ...hostSession, audio: { input: { transcription: null } } };
    assert.deepEqual(input(sessionUpdate({}, off, { transcribeByDefault: true })).transcription, {
      model: 'gpt-4o-mini-transcribe',
    });
    assert.equal(input(sessionUpdate({ transcriptionModel: 'none' }, hostSession)).transcription, null);
  });

  it('sends transcription whole: the host’s language and prompt survive a new model', () => {
    assert.deepEqual(input(sessionUpdate({ transcriptionModel: 'whisper-1' }, hostSession)).transcription, {
      model: 'whisper-1',
      language: 'ja',
      prompt: 'Product names: Zephyr',
    });
    assert.deepEqual(input(sessionUpdate({ transcriptionLanguage: 'en' }, hostSession)).transcription, {
      model: 'gpt-4o-transcribe',
      language: 'en',
      prompt: 'Product names: Zephyr',
    });
  });

  it('gives transcription the page’s language as a hint; the page’s own setting and the host’s language win', () => {
    const off = { ...hostSession, audio: { input: { transcription: null } } };
    const plain = { ...hostSession, audio: { input: { transcription: { model: 'gpt-4o-transcribe' } } } };
    assert.deepEqual(
      input(sessionUpdate({ languageHint: 'pt-BR' }, off, { transcribeByDefault: true })).transcription,
      {
        model: 'gpt-4o-mini-transcribe',
        language: 'pt',
      },
    );
    assert.deepEqual(input(sessionUpdate({ languageHint: 'ar' }, plain)).transcription, {
      model: 'gpt-4o-transcribe',
      language: 'ar',
    });
    // The host said Japanese; the page said English: neither is overruled by the hint.
    assert.equal(input(sessionUpdate({ languageHint: 'ko' }, hostSession)).transcription, undefined);
    assert.equal(
      (
        input(sessionUpdate({ languageHint: 'ko', transcriptionLanguage: 'en' }, plain)).transcription as {
          language: string;
        }
      ).language,
      'en',
    );
    // Transcription off stays off; a tag with no two-letter language gives no hint.
    assert.equal(input(sessionUpdate({ languageHint: 'ko' }, off)).transcription, undefined);
    assert.deepEqual(input(sessionUpdate({ languageHint: 'yue-HK' }, plain)).transcription, undefined);
  });

  it('sends turn detection whole: the host’s VAD tuning survives, the other kind’s fields never travel', () => {
    assert.deepEqual(
      input(sessionUpdate({ turnDetection: 'server_vad' }, hostSession)).turn_detection,
      hostSession.audio.input.turn_detection,
    );
    assert.deepEqual(input(sessionUpdate({ idleTimeoutMs: 12_000 }, hostSession)).turn_detection, {
      ...hostSession.audio.input.turn_detection,
      idle_timeout_ms: 12_000,
    });
    // A change of kind keeps what both kinds take: the host's create_response and interrupt_response.
    const shared = { create_response: true, interrupt_response: false };
    assert.deepEqual(input(sessionUpdate({ turnDetection: 'semantic_vad' }, hostSession)).turn_detection, {
      ...shared,
      type: 'semantic_vad',
    });
    assert.deepEqual(input(sessionUpdate({ vadEagerness: 'high' }, hostSession)).turn_detection, {
      ...shared,
      type: 'semantic_vad',
      eagerness: 'high',
    });
    assert.equal(input(sessionUpdate({ turnDetection: 'none' }, hostSession)).turn_detection, null);
  });

  it('sends noise reduction whole, and none turns it off', () => {
    assert.deepEqual(input(sessionUpdate({ noiseReduction: 'near_field' }, hostSession)).noise_reduction, {
      type: 'near_field',
    });
    assert.equal(input(sessionUpdate({ noiseReduction: 'none' }, hostSession)).noise_reduction, null);
  });

  it('completes a partial object in sessionConfig from the session, and lets the rest of it win', () => {
    const update = sessionUpdate(
      {
        instructions: 'Page',
        extra: { instructions: 'Extra', audio: { input: { turn_detection: { type: 'server_vad', threshold: 0.2 } } } },
      },
      hostSession,
    );
    assert.equal((update.session as { instructions: string }).instructions, 'Extra');
    assert.deepEqual(input(update).turn_detection, { ...hostSession.audio.input.turn_detection, threshold: 0.2 });
  });

  it('never sends the host’s tools back from the echo: with the host’s tools in the session, the page’s are not sent, and that is said', () => {
    // The echo may omit an MCP tool's authorization or headers: sending it back would strip them.
    const withMcp = {
      ...hostSession,
      tools: [...hostSession.tools, { type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example/mcp' }],
    };
    const update = sessionUpdate({ tools: [{ name: 'set_theme', description: 'Theme' }] }, withMcp);
    assert.equal((update.session as { tools?: unknown }).tools, undefined);
    assert.match(
      undeclaredTools([{ name: 'set_theme', description: 'Theme' }], withMcp)[0],
      /set_theme.*not declared.*host's server declares them/,
    );
  });

  it('sends nothing when the host’s server already declared the page’s tools beside its own (merged from the key request)', () => {
    const page = { name: 'set_theme', description: 'Theme', parameters: { type: 'object', properties: {} } };
    const merged = { ...hostSession, tools: [...hostSession.tools, { type: 'function', ...page }] };
    assert.equal((sessionUpdate({ tools: [page] }, merged).session as { tools?: unknown }).tools, undefined);
    assert.deepEqual(undeclaredTools([page], merged), []);
  });

  it('declares the page’s own tools, and replaces its earlier ones, while the session has none of the host’s', () => {
    const effective = { tools: [{ type: 'function', name: 'old_page_tool' }] };
    const update = sessionUpdate({ tools: [{ name: 'new_page_tool' }] }, effective, {
      pageTools: new Set(['old_page_tool']),
    });
    assert.deepEqual(
      (update.session as { tools: { name: string }[] }).tools.map((t) => t.name),
      ['new_page_tool'],
    );
  });

  it('says when idle-timeout cannot apply (semantic VAD, or turn detection off), instead of dropping it silently', () => {
    assert.deepEqual(ignoredSettings({ idleTimeoutMs: 5000 }, hostSession), []);
    const semantic = { audio: { input: { turn_detection: { type: 'semantic_vad' } } } };
    assert.match(ignoredSettings({ idleTimeoutMs: 5000 }, semantic)[0], /idle-timeout applies to server_vad only/);
    assert.equal(ignoredSettings({ idleTimeoutMs: 5000, vadEagerness: 'low' }, hostSession).length, 1);
    assert.deepEqual(ignoredSettings({}, semantic), []);
  });
});
