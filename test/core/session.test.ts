import { expect } from '@open-wc/testing';
import { VoiceSession, type SessionEvent, type SessionState } from '../../src/core/index.js';
import { resources } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

async function newSession() {
  return new VoiceSession({ token: { endpoint: '/token' }, baseUrl: await standInBaseUrl() });
}

function next<K extends 'statechange' | 'serverevent' | 'error'>(
  session: VoiceSession,
  type: K,
  predicate: (e: SessionEvent<K>) => boolean = () => true,
) {
  return new Promise<SessionEvent<K>>((resolve) => {
    const listener = (event: SessionEvent<K>) => {
      if (!predicate(event)) return;
      session.removeEventListener(type, listener);
      resolve(event);
    };
    session.addEventListener(type, listener);
  });
}
const reached = (session: VoiceSession, state: SessionState) =>
  next(session, 'statechange', (e) => e.detail.state === state);

describe('VoiceSession', () => {
  beforeEach(() => resources.reset());

  it('starts once: a second start while connecting opens no second peer, key or microphone', async () => {
    const session = await newSession();
    const live = reached(session, 'live');
    void session.start();
    void session.start();
    await live;
    expect(resources.peers).to.have.length(1);
    expect(resources.micRequests).to.equal(1);
    session.stop();
    expect(resources.openPeers()).to.have.length(0);
  });

  it('sends session.update first, on open, in the GA shape', async () => {
    const session = new VoiceSession({
      token: { endpoint: '/token' },
      baseUrl: await standInBaseUrl(),
      session: { instructions: 'Be brief.', voice: 'cedar' },
    });
    const updated = next(session, 'serverevent', (e) => e.detail.event.type === 'session.updated');
    void session.start();
    const { event } = (await updated).detail;
    const effective = event.session as { type: string; instructions: string; audio: { output: { voice: string } } };
    expect([effective.type, effective.instructions, effective.audio.output.voice]).to.deep.equal([
      'realtime',
      'Be brief.',
      'cedar',
    ]);
    session.stop();
  });

  it('sequences response.create so the server never refuses a second one', async () => {
    const session = await newSession();
    const errors: string[] = [];
    session.addEventListener('error', (e) => errors.push(e.detail.error.serverCode ?? e.detail.error.code));
    let done = 0;
    const twoDone = next(session, 'serverevent', (e) => e.detail.event.type === 'response.done' && ++done === 2);
    void session.start();
    // Both requests are sent at once, before the channel is even open; the second must wait for the first to finish.
    session.send({ type: 'response.create' });
    session.send({ type: 'response.create' });
    await twoDone;
    expect(errors).to.deep.equal([]);
    session.stop();
  });

  it('passes on a server error event as a recoverable server_error and stays live', async () => {
    const session = await newSession();
    const live = reached(session, 'live');
    void session.start();
    await live;
    const error = next(session, 'error');
    session.send({ type: 'session.update', session: { type: 'realtime', voice: 'alloy' } });
    const { detail } = await error;
    expect([detail.error.code, detail.error.serverCode, detail.error.recoverable]).to.deep.equal([
      'server_error',
      'unknown_parameter',
      true,
    ]);
    expect(session.state).to.equal('live');
    session.stop();
  });

  for (const stage of ['token', 'microphone', 'offer', 'answer', 'channel'] as const) {
    it(`stop right after the ${stage} stage leaves nothing running`, async () => {
      const session = await newSession();
      const stopped = new Promise<void>((resolve) => {
        session.addEventListener('metrics', (e) => {
          if (e.detail.stages[stage] !== undefined && session.state === 'connecting') {
            session.stop();
            resolve();
          }
        });
      });
      const finished = session.start();
      await stopped;
      await finished;
      expect(session.state).to.equal('ended');
      // A microphone that was still being opened is stopped the moment it arrives.
      await resources.settled();
      expect(resources.liveTracks()).to.have.length(0);
      expect(resources.openPeers()).to.have.length(0);
    });
  }

  for (const afterMs of [0, 5]) {
    it(`stop ${afterMs} ms after start, while the peer is still making its offer, still ends the start`, async () => {
      // A closed peer never settles an offer it was making: the start must not wait for it.
      const session = await newSession();
      const finished = session.start();
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      session.stop();
      await finished;
      expect(session.state).to.equal('ended');
      await resources.settled();
      expect(resources.liveTracks()).to.have.length(0);
      expect(resources.openPeers()).to.have.length(0);
    });
  }

  it('refuses an oversized message before sending, and keeps the call', async () => {
    const session = await newSession();
    const live = reached(session, 'live');
    void session.start();
    await live;
    const huge = {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x'.repeat(300_000) }] },
    };
    expect(() => session.send(huge))
      .to.throw()
      .with.property('code', 'message_too_large');
    expect(session.state).to.equal('live');
    session.stop();
  });
});
