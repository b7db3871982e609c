import type { NetworkPage } from './network-page.js';
import type { RoamingNamespace } from './roaming-namespace.js';

/** The conversation as the visitor sees it, and the errors the element told (bench/networks.js `seen`). */
export type Seen = { items: { role: string; text: string; status: string }[]; errors: string[] };

export interface Roam {
  /** Before the move, and after the replacement answered the next question. */
  heard: Seen;
  seen: Seen;
  /** The next question's reply: whole or not, why none came (if so), and the conversation's dividers. */
  turn: { whole: number; missed: string[]; dividers: number };
  /** Keys asked for during the move (one per call made). */
  keys: number;
  /** "reconnecting" after the address went, and live after the new one came (ms). */
  toldMs: number;
  liveMs: number;
  /** Peer connections left open once the call was stopped. */
  peersLeft: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A call that moves networks: a turn on the first address, the address gone for 5 s, a new one (`address`), and the
 * visitor asking again at once. A muted WebSocket call between turns hears nothing from the service anyway: only
 * what it owes or sends shows its path dead, so there the question is what finds it out.
 */
export async function roamMidCall(
  visitor: NetworkPage,
  roaming: RoamingNamespace,
  transport: string,
  address: string,
): Promise<Roam> {
  const { run } = visitor;
  await run('startCall', { transport });
  await run('askLong');
  await run('replyOver');
  const heard = await run<Seen>('seen');
  const keys = visitor.keys;
  const left = await run<number>('now');
  roaming.leave();
  await sleep(5000);
  roaming.join(address);
  const joined = await run<number>('now');
  const turn = run<Roam['turn']>('turns', 1);
  const live = await run<number>('reached', { state: 'live', after: joined });
  const told = await run<number>('reached', { state: 'reconnecting', after: left });
  const answered = await turn;
  return {
    heard,
    seen: await run<Seen>('seen'),
    turn: answered,
    keys: visitor.keys - keys,
    toldMs: told - left,
    liveMs: live - joined,
    peersLeft: await run<number>('stopCall'),
  };
}
