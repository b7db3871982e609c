import { expect } from '@open-wc/testing';
import { callReport, requestsTo } from '../support/stand-in.js';
import { Visit } from './visit.js';

// The simulated hour: turn after turn on a train's path, the 60-minute cap scaled to 20 s in (fault `train-hour`).
const TURNS = 7;

describe('networks: a long call on a train', function () {
  this.timeout(240_000);

  it('turn after turn through the session cap: every reply heard, one divider, re-seeded once', async () => {
    const visit = await Visit.start('webrtc', `train-hour~${Math.random().toString(36).slice(2)}`);
    const firstCall = visit.el.callId;
    const replies = [];
    const cut = [];
    for (let n = 1; n <= TURNS; n++) {
      let reply = await visit.turn(`Turn ${n}: how far to the next stop?`);
      // Cut before a word was heard, the question is asked again on the replacement call: its answer is the turn's.
      if (reply.status !== 'completed') cut.push(reply);
      if (reply.status !== 'completed' && !reply.text) reply = await visit.nextReply();
      replies.push(reply);
    }
    console.log(`states: ${visit.states.map((s) => `${s.state}@${Math.round(s.at - visit.t0)}`).join(' ')}`);
    console.log(`errors: ${visit.errors.join(' | ')}`);
    console.log(`replies: ${replies.map((r) => `${r.status}/${r.reason ?? ''}/${r.text.length}`).join(' ')}`);
    // The cap may cut the one reply under way when it strikes; every other turn is answered whole, in order.
    expect(cut.length, 'replies cut').to.be.at.most(1);
    replies.forEach((r, i) => r.status === 'completed' && expect(r.text).to.include(`You wrote: Turn ${i + 1}:`));
    await visit.el.updateComplete;
    expect(visit.el.shadowRoot!.querySelectorAll('[part~="divider"]')).to.have.length(1);
    expect([requestsTo('/token'), visit.el.callId === firstCall]).to.deep.equal([2, false]);
    // The replacement call holds the whole conversation once: what came before the cap, re-sent, and what came after.
    const shown = visit.chat.items.filter((i) => (i.role === 'user' || i.role === 'assistant') && i.text);
    const report = await callReport(visit.el.callId!);
    expect(report.items).to.equal(shown.length);
    await visit.stop();
  });
});
