// What the networks suite's cases share: a visitor's call, the path's impairments, and what a whole reply looks like.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Impairment } from '../support/impairment.js';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcServerEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { faultyBaseUrl, standInBaseUrl, startCountingRequests } from '../support/stand-in.js';

// A question the stand-in echoes in its reply: about 15 s of voice, long enough to cut the path in the middle.
export const QUESTION = 'Tell me about the trains between the coast and the mountains, stop by stop. '.repeat(3).trim();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Changes the path between this browser and the stand-in (nftables, in the suite's own network namespace). */
export async function impair(change: Impairment): Promise<void> {
  await executeServerCommand('impair', change);
}

/** One visitor's call on `transport`, with a clock and what it went through. */
export class Visit {
  readonly states: { state: string; at: number }[] = [];
  readonly t0 = performance.now();
  /** Every error the element reported, as `code@ms: message`. */
  readonly errors: string[] = [];
  /** Every reply that is over, by id. */
  readonly #replies = new Set<string>();
  constructor(
    readonly el: RealtimeVoiceChat,
    readonly chat: ChatHarness,
  ) {
    el.addEventListener('rvc-state', (e) => this.states.push({ state: e.detail.state, at: performance.now() }));
    el.addEventListener('rvc-error', ({ detail: { code, message } }) =>
      this.errors.push(`${code}@${Math.round(performance.now() - this.t0)}: ${message}`),
    );
    el.addEventListener('rvc-transcript', ({ detail: { item } }) => {
      if (item.role === 'assistant' && item.status !== 'in_progress') this.#replies.add(item.id);
    });
  }

  /** A call on `transport`, through one of the stand-in's shaped paths when `fault` names one (`jittery`, `train`). */
  static async start(transport: 'webrtc' | 'websocket', fault?: string): Promise<Visit> {
    resources.reset();
    startCountingRequests();
    await impair({ kind: 'clear' });
    const baseUrl = fault ? await faultyBaseUrl(fault) : await standInBaseUrl();
    const el: RealtimeVoiceChat = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${baseUrl} lang="en" muted transport=${transport}></realtime-voice-chat>`,
    );
    const visit = new Visit(el, new ChatHarness(el));
    const errors = visit.errors;
    visit.chat.clickStart();
    await visit.chat.reach('live').catch((e: Error) => {
      throw new Error(`${e.message}: ${errors.join('; ')}`);
    });
    return visit;
  }

  /** Asks the long question; resolves once the service began sending the reply (its first words on the wire). */
  async ask(): Promise<{ done: Promise<RvcTranscriptEvent['detail']['item']> }> {
    const begun = until(
      this.el,
      'rvc-server-event',
      (e: RvcServerEvent) => e.detail.event.type === 'response.output_audio_transcript.delta',
    );
    const done = until(
      this.el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status !== 'in_progress',
    ).then((e: RvcTranscriptEvent) => e.detail.item);
    await this.chat.type(QUESTION);
    await begun;
    return { done };
  }

  /** Types `text` once the call is live; resolves with the reply once it is over (whole or cut). */
  async turn(text: string): Promise<RvcTranscriptEvent['detail']['item']> {
    await this.chat.reach('live');
    const over = this.nextReply();
    await this.chat.type(text);
    return over;
  }

  /** The next reply to be over (whole or cut). */
  nextReply(): Promise<RvcTranscriptEvent['detail']['item']> {
    const before = new Set(this.#replies);
    return until(
      this.el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' && e.detail.item.status !== 'in_progress' && !before.has(e.detail.item.id),
    ).then((e: RvcTranscriptEvent) => e.detail.item);
  }

  /** When the state first became `state` at or after `after`. */
  reached(state: string, after: number): number | undefined {
    return this.states.find((s) => s.state === state && s.at >= after)?.at;
  }

  /** Waits until the call is live again after `after`; returns when that was. */
  async liveAgain(after: number): Promise<number> {
    while (this.reached('live', after) === undefined) await until(this.el, 'rvc-state', () => true);
    return this.reached('live', after)!;
  }

  async stop(): Promise<void> {
    this.el.stop();
    await impair({ kind: 'clear' });
    await nothingLeftRunning();
    expect(resources.openSockets(), 'sockets left open').to.have.length(0);
  }
}

/** The reply as the visitor sees it at the end: whole, not cut, and the one assistant message. */
export async function expectWholeReply(visit: Visit, reply: RvcTranscriptEvent['detail']['item']): Promise<void> {
  expect(reply.status).to.equal('completed');
  expect(reply.text).to.include(QUESTION.slice(0, 200));
  await visit.el.updateComplete;
  const shown = visit.chat.items.filter((i) => i.role === 'assistant');
  expect(shown.map((i) => i.status)).to.deep.equal(['completed']);
}
