import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationItem } from '../../src/core/index.js';
import { SHOWN_ITEMS, TranscriptWindow } from '../../src/element/panel/transcript-window.js';

const item = (n: number): ConversationItem => ({
  id: `item_${n}`,
  role: 'assistant',
  text: `message ${n}`,
  status: 'completed',
});
const items = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));
const ids = (shown: readonly ConversationItem[]) => shown.map((i) => i.id);

describe('TranscriptWindow: which items are in the DOM each frame', () => {
  it('a conversation that grows a message at a time shows every message, up to the limit', () => {
    const window = new TranscriptWindow();
    let conversation: ConversationItem[] = [];
    for (let n = 0; n < SHOWN_ITEMS + 50; n++) {
      conversation = [...conversation, item(n)];
      const shown = window.next(conversation);
      assert.deepEqual(ids(shown), ids(conversation.slice(-SHOWN_ITEMS)));
      assert.equal(window.catchingUp, false);
    }
  });

  it('a burst of 1,000 items shows the newest first, then grows back a few items a frame, never building dozens at once', () => {
    const window = new TranscriptWindow();
    const conversation = items(0, 1000);
    let previous = new Set<string>();
    let frames = 0;
    let shown: readonly ConversationItem[];
    do {
      shown = window.next(conversation);
      const built = shown.filter((i) => !previous.has(i.id)).length;
      assert.ok(built <= 16, `frame ${frames}: ${built} items built`);
      assert.equal(shown.at(-1)!.id, 'item_999', 'the newest message is always shown, last');
      previous = new Set(ids(shown));
      frames++;
    } while (window.catchingUp);
    assert.deepEqual(ids(shown), ids(conversation.slice(-SHOWN_ITEMS)));
    assert.ok(frames <= 30, `${frames} frames to show ${SHOWN_ITEMS}`);
  });

  it('a flood that outruns the frames keeps each frame small; once it stops, the last 200 are shown in order', () => {
    const window = new TranscriptWindow();
    let conversation = items(0, 10);
    window.next(conversation);
    for (let frame = 0, next = 10; frame < 20; frame++, next += 300) {
      conversation = [...conversation, ...items(next, next + 300)].slice(-1000);
      const shown = window.next(conversation);
      assert.ok(shown.length <= 16 && shown.at(-1) === conversation.at(-1));
    }
    while (window.catchingUp) window.next(conversation);
    assert.deepEqual(ids(window.next(conversation)), ids(conversation.slice(-SHOWN_ITEMS)));
  });

  it('an item placed among those shown (the service’s order) appears at once', () => {
    const window = new TranscriptWindow();
    const conversation = items(0, 20);
    do window.next(conversation);
    while (window.catchingUp);
    const placed = [...conversation.slice(0, 10), item(99), ...conversation.slice(10)];
    assert.deepEqual(ids(window.next(placed)), ids(placed));
  });
});
