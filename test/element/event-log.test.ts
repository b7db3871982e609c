import { expect } from '@open-wc/testing';
import { appendLog, LOG_LIMIT, type LogEntry } from '../../src/element/event-log.js';
import { formatEntry } from '../../src/element/chunks/log-pane.js';

describe('event log', () => {
  it('keeps the newest entries, newest last, bounded', () => {
    let log: LogEntry[] = [];
    for (let i = 0; i < LOG_LIMIT + 50; i++) log = appendLog(log, 'in', `event.${i}`, { i });
    expect(log).to.have.length(LOG_LIMIT);
    expect(log[0].type).to.equal('event.50');
    expect(log.at(-1)!.type).to.equal(`event.${LOG_LIMIT + 49}`);
  });

  it('shows entries with anything shaped like a key redacted, even where the entry is cut short', () => {
    const long = `${'x'.repeat(390)} ek_abcdefghijklmnopqrstuvwxyz0123 and sk-proj-ABCDEFGHIJKLMNOP0123456789`;
    const [entry] = appendLog([], 'out', 'session.update', { note: 'key ek_SECRETSECRET1234567890 here', long });
    const { text } = formatEntry(entry);
    expect(text).not.to.match(/SECRETSECRET|abcdefghijkl|ABCDEFGHIJ/);
    expect(text).to.contain('ek_[redacted]');
    expect(text.length).to.be.at.most(401);
  });
});
