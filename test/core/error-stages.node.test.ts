import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, stageOf } from '../../src/core/errors.js';
import { refusalError } from '../../src/core/keys/token.js';

const envelope = (code: string) => JSON.stringify({ error: { type: 'server_error', code, message: 'm', param: null } });

describe('errors say where they happened', () => {
  it('the host’s own endpoint failing is endpoint_failed, apart from the service failing behind it', () => {
    const html = refusalError(500, '<html>Internal Server Error</html>', 'token_http_error', true);
    assert.equal(html.code, 'endpoint_failed');
    assert.equal(html.stage, 'token');
    assert.equal(refusalError(500, '', 'call_rejected', true).code, 'endpoint_failed');
    assert.equal(refusalError(500, envelope('guard_failed'), 'token_http_error', true).code, 'endpoint_failed');
    // The service's error, passed on by the host's handler in its envelope.
    const passed = refusalError(502, envelope('upstream_unreachable'), 'token_http_error', true);
    assert.equal(passed.code, 'service_unavailable');
    assert.equal(passed.serverCode, 'upstream_unreachable');
    // A 5xx straight from the service (the key path) is the service's.
    assert.equal(refusalError(500, '<html>', 'call_rejected', false).code, 'service_unavailable');
    assert.equal(refusalError(503, envelope('control_unavailable'), 'call_rejected', true).code, 'control_unavailable');
    // The host's limits: a spent budget is said as such and never retried; a busy site is retried after its wait.
    const spent = refusalError(429, envelope('budget_exhausted'), 'token_http_error', true, '3600');
    assert.deepEqual([spent.code, spent.stage, spent.retryAfterMs], ['budget_exhausted', 'token', 3_600_000]);
    assert.equal(refusalError(429, envelope('site_busy'), 'call_rejected', true).code, 'rate_limited');
    const busy = refusalError(429, envelope('rate_limited'), 'call_rejected', true);
    assert.deepEqual([busy.code, busy.stage], ['rate_limited', 'call']);
  });

  it('every code has a stage', () => {
    const stages = new Set(['config', 'load', 'browser', 'microphone', 'token', 'call', 'network', 'service', 'page']);
    for (const code of ERROR_CODES) assert.ok(stages.has(stageOf(code)), code);
    assert.equal(stageOf('microphone_denied'), 'microphone');
    assert.equal(stageOf('connection_lost'), 'network');
    assert.equal(stageOf('response_failed'), 'service');
  });
});
