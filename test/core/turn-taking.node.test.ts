import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { takeOverTurns, TurnTaking } from '../../src/core/session/turn-taking.js';

/** A turn taker whose reply is on or off as the test says, recording what it did. */
function taker({ transcribes = true } = {}) {
  const did: string[] = [];
  const state = { replying: false };
  const turns = new TurnTaking({
    replying: () => state.replying,
    cut: () => {
      did.push('cut');
      state.replying = false;
    },
    reply: () => did.push('reply'),
    discard: (id) => did.push(`discard ${id}`),
    transcribes: () => transcribes,
  });
  turns.own({ interrupt: true, reply: true });
  return { turns, did, state };
}

describe('turn taking: the element decides when speech cuts a reply (test clock)', () => {
  it('a 0.1 s sound over a reply is a false start: the reply plays on, no reply to it, the noise item leaves', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { turns, did, state } = taker();
      state.replying = true;
      turns.started('item_noise');
      mock.timers.tick(100);
      assert.equal(turns.stopped(), false, 'a false start is no turn');
      turns.committed('item_noise');
      mock.timers.tick(1000);
      assert.deepEqual(did, []);
      turns.words('item_noise', '', true);
      assert.deepEqual(did, ['discard item_noise']);
    } finally {
      mock.timers.reset();
    }
  });

  it('speech over a reply cuts it once it has lasted the minimum, then gets its own reply', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { turns, did, state } = taker();
      turns.minMs = 400;
      state.replying = true;
      turns.started('item_1');
      mock.timers.tick(399);
      assert.deepEqual(did, []);
      mock.timers.tick(1);
      assert.deepEqual(did, ['cut']);
      assert.equal(turns.stopped(), true);
      turns.committed('item_1');
      assert.deepEqual(did, ['cut', 'reply']);
    } finally {
      mock.timers.reset();
    }
  });

  it('a short false start whose transcription finds words cuts the reply and is answered', () => {
    const { turns, did, state } = taker();
    state.replying = true;
    turns.started('item_stop');
    turns.stopped();
    turns.committed('item_stop');
    turns.words('item_stop', 'Stop', false);
    assert.deepEqual(did, ['cut', 'reply']);
    turns.words('item_stop', 'Stop.', true);
    assert.deepEqual(did, ['cut', 'reply'], 'decided once');
  });

  it('without transcription a false start leaves at once; without a reply on, any speech is a turn', () => {
    const { turns, did, state } = taker({ transcribes: false });
    state.replying = true;
    turns.started('item_a');
    turns.stopped();
    turns.committed('item_a');
    state.replying = false;
    turns.started('item_b');
    assert.equal(turns.stopped(), true);
    turns.committed('item_b');
    assert.deepEqual(did, ['discard item_a', 'reply']);
  });

  it('a session whose host said create_response false is never answered by the element', () => {
    const { turns, did } = taker();
    turns.own({ interrupt: true, reply: false });
    turns.started('item_1');
    turns.stopped();
    turns.committed('item_1');
    assert.deepEqual(did, []);
  });
});

describe('takeOverTurns: the opening update hands interrupting and replying to the element', () => {
  const created = {
    audio: {
      input: {
        turn_detection: {
          type: 'server_vad',
          threshold: 0.7,
          idle_timeout_ms: null,
          create_response: true,
          interrupt_response: true,
        },
      },
    },
  };

  it('sends the session turn detection whole, with both off, and keeps what the host asked', () => {
    const { update, intent } = takeOverTurns(
      { type: 'session.update', session: { type: 'realtime' } },
      created,
      undefined,
    );
    assert.deepEqual(intent, { interrupt: true, reply: true });
    assert.deepEqual((update.session as { audio: unknown }).audio, {
      input: {
        turn_detection: {
          type: 'server_vad',
          threshold: 0.7,
          idle_timeout_ms: null,
          create_response: false,
          interrupt_response: false,
        },
      },
    });
  });

  it('leaves push-to-talk and a host that turned interruption off to the service', () => {
    const ptt = { type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } } } };
    assert.deepEqual(takeOverTurns(ptt, created, undefined), { update: ptt, intent: undefined });
    const noCut = { audio: { input: { turn_detection: { type: 'semantic_vad', interrupt_response: false } } } };
    const plain = { type: 'session.update', session: { type: 'realtime' } };
    assert.deepEqual(takeOverTurns(plain, noCut, undefined), { update: plain, intent: undefined });
  });

  it('a later change of kind keeps the first intent, not the false it reads back from the echo', () => {
    const echo = {
      audio: { input: { turn_detection: { type: 'server_vad', create_response: false, interrupt_response: false } } },
    };
    const change = {
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: {
          input: {
            turn_detection: {
              type: 'semantic_vad',
              eagerness: 'low',
              create_response: false,
              interrupt_response: false,
            },
          },
        },
      },
    };
    const { intent } = takeOverTurns(change, echo, { interrupt: true, reply: false });
    assert.deepEqual(intent, { interrupt: true, reply: false });
  });
});
