import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { type VoiceError } from '../../src/core/errors.js';
import { retryAfterMs, withRetry } from '../../src/core/keys/retry.js';
import { refusalError } from '../../src/core/keys/token.js';

/** An attempt that fails busy (429, with `retryAfter`) `times` times, then succeeds; it notes when it ran. */
function busy(times: number, retryAfter: string | null) {
  const at: number[] = [];
  const attempt = () => {
    at.push(Date.now());
    if (at.length <= times)
      return Promise.reject(
        refusalError(
          429,
          '{"error":{"message":"slow down","code":"rate_limited"}}',
          'token_http_error',
          true,
          retryAfter,
        ),
      );
    return Promise.resolve('key');
  };
  return { at, attempt };
}

const settle = async (promise: Promise<unknown>, ms: number) => {
  for (let t = 0; t < ms; t += 100) {
    await new Promise((resolve) => setImmediate(resolve));
    mock.timers.tick(100);
  }
  return promise;
};

describe('Retry-After: the browser waits as long as the server asked, within what a visitor bears (test clock)', () => {
  it('reads delta-seconds and HTTP dates; ignores what it cannot read', () => {
    assert.equal(retryAfterMs('3'), 3000);
    assert.equal(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 1000), 4000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(null), undefined);
  });

  it('a 429 asking for 4 s is tried again after 4 s, not after the 0.5 s backoff', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const { at, attempt } = busy(1, '4');
      const result = withRetry(attempt, new AbortController().signal);
      assert.equal(await settle(result, 5000), 'key');
      assert.deepEqual(
        at.map((t) => t - at[0]),
        [0, 4000],
      );
    } finally {
      mock.timers.reset();
    }
  });

  it('a 429 asking for an hour is not retried: the visitor hears rate_limited at once', async () => {
    const { at, attempt } = busy(1, '3600');
    await assert.rejects(
      withRetry(attempt, new AbortController().signal),
      (e: VoiceError) => e.code === 'rate_limited' && e.retryAfterMs === 3_600_000,
    );
    assert.equal(at.length, 1);
  });
});
