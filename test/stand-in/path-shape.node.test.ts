import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapedDirection } from '../../src/stand-in/media/path-shape.js';

describe('a shaped path (the stand-in’s relay and its WebSocket delays)', () => {
  it('keeps the order of what is sent back to back on a jittery path (a message and its response.create)', async () => {
    const path = new ShapedDirection({ delayMs: 20, jitterMs: 10 });
    const arrived: number[] = [];
    for (let n = 0; n < 200; n++) path.pass(100, () => arrived.push(n));
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.deepEqual(arrived, [...Array(200).keys()]);
    path.close();
  });
});
