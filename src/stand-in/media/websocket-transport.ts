import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { CallTransport, ServedCall } from '../call/call.js';
import { EventSpeaker } from './event-speaker.js';
import { PcmIn } from './pcm-in.js';
import { endWhenSilent } from './silent-end.js';
import { ShapedDirection, type PathShape } from './path-shape.js';

// The stand-in pings the socket this often (a browser answers by itself), so a quiet visitor is still heard.
const PING_MS = 5_000;

/**
 * Carries a call over a WebSocket: every event a text message, the microphone in `input_audio_buffer.append`, the
 * voice in `response.output_audio.delta`. The client closing the socket ends the call.
 */
export function carryOverWebSocket(call: ServedCall, socket: WebSocket, tcp: Socket, path?: PathShape): void {
  const input = new PcmIn((level, ms) => call.hear(level, ms));
  const speakers = new Set<EventSpeaker>();
  // During a blackout nothing moves either way; TCP delivers it all afterwards, in order.
  let held: { out: (string | Buffer)[]; in: (string | Buffer)[] } | undefined;
  let closing: Promise<void> | undefined;
  const ping = setInterval(() => socket.ping(), PING_MS);
  // A client gone quiet (its network down: no message, no pong) is given up as the service would.
  const silence = endWhenSilent(() => socket.terminate());
  socket.on('pong', silence.heard);
  // A shaped path delays each message (TCP resends what a lossy network drops: that shows as delay, not loss).
  const delays = path && { lossPercent: 0, delayMs: path.delayMs, jitterMs: path.jitterMs, kbps: path.kbps };
  const [up, down] = delays ? [new ShapedDirection(delays), new ShapedDirection(delays)] : [];
  const send = (message: string | Buffer) =>
    socket.readyState === socket.OPEN && socket.send(message, { binary: typeof message !== 'string' });
  const deliver = (message: string | Buffer) => (down ? down.pass(message.length, () => send(message)) : send(message));
  const receive = (message: string | Buffer) =>
    up ? up.pass(message.length, () => call.receive(message)) : call.receive(message);
  const transport: CallTransport = {
    kind: 'websocket',
    send: (message) => (held ? held.out.push(message) : deliver(message)),
    speaker(ids, send) {
      const speaker = new EventSpeaker(ids, send);
      speakers.add(speaker);
      return speaker;
    },
    append: (audio) => input.append(audio),
    heard: () => ({ ...input.report }),
    // A socket has one channel: closing it for events closes the call's connection.
    closeEvents: () => socket.close(1000),
    blackout(ms) {
      if (held) return;
      const queue = (held = { out: [], in: [] });
      setTimeout(() => {
        held = undefined;
        queue.out.forEach(deliver);
        queue.in.forEach(receive);
      }, ms);
    },
    reset: () => void tcp.resetAndDestroy(),
    close: () =>
      (closing ??= (async () => {
        clearInterval(ping);
        silence.stop();
        up?.close();
        down?.close();
        speakers.forEach((speaker) => speaker.close());
        if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(1000);
        await call.close();
      })()),
  };
  socket.on('message', (data, binary) => {
    silence.heard();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    const message = binary ? bytes : bytes.toString('utf8');
    if (held) held.in.push(message);
    else receive(message);
  });
  socket.on('close', () => void transport.close());
  socket.on('error', () => void transport.close());
  call.open(transport);
}
