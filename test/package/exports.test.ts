import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// Runs after `npm run build` (scripts/test.mjs builds first): these check the package as npm would ship it.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Runs a module in a fresh Node process (no test runner globals) and returns what it printed as JSON. */
function inFreshNode<T>(source: string): T {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' })) as T;
}

describe('the npm package', () => {
  it('every export and its types exist in the build, and customElements points at the manifest', () => {
    for (const [name, target] of Object.entries<string | { types: string; default: string }>(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : [target.default, target.types];
      for (const file of files) assert.ok(existsSync(file), `${name} → ${file}`);
    }
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
  });

  it('imports in Node (server-side rendering) without touching browser globals, and registers with Lit’s SSR registry', () => {
    const seen = inFreshNode<{
      element: string;
      core: string;
      server: string;
      browserGlobals: string[];
      registered: boolean;
      added: string[];
    }>(`
      const before = new Set(Object.keys(globalThis));
      const element = await import('realtime-voice-chat-element');
      const core = await import('realtime-voice-chat-element/core');
      const server = await import('realtime-voice-chat-element/server');
      console.log(JSON.stringify({
        element: typeof element.RealtimeVoiceChat, core: typeof core.VoiceSession, server: typeof server.createCallHandler,
        browserGlobals: ['window', 'document', 'HTMLElement', 'RTCPeerConnection', 'localStorage'].filter((name) => name in globalThis),
        registered: globalThis.customElements?.get('realtime-voice-chat') === element.RealtimeVoiceChat,
        added: Object.keys(globalThis).filter((name) => !before.has(name)),
      }));`);
    assert.deepEqual([seen.element, seen.core, seen.server], ['function', 'function', 'function']);
    assert.deepEqual(seen.browserGlobals, []);
    assert.equal(seen.registered, true);
    // Lit's Node build brings its SSR registry and version markers; zod its registry. Nothing of ours.
    assert.deepEqual(
      seen.added.filter((name: string) => !/^(lit|reactiveElement|__zod_|customElements$)/.test(name)),
      [],
    );
  });

  it('the built server helpers and stand-in work together: a key is minted with the server key kept back', () => {
    const seen = inFreshNode<{ status: number; key: string; leaked: boolean }>(`
      const { startStandIn } = await import('realtime-voice-chat-element/stand-in');
      const { createTokenHandler } = await import('realtime-voice-chat-element/server');
      const standIn = await startStandIn();
      const handler = createTokenHandler({ allowOrigins: '*', apiKey: 'sk-package-test-SECRET', baseUrl: standIn.baseUrl });
      const response = await handler(new Request('http://host.test/token', { method: 'POST' }));
      const text = await response.text();
      await standIn.close();
      console.log(JSON.stringify({ status: response.status, key: JSON.parse(text).value, leaked: text.includes('SECRET') }));
      process.exit(0);`);
    assert.equal(seen.status, 200);
    assert.match(seen.key, /^ek_/);
    assert.equal(seen.leaked, false);
  });
});
