import type { WebSocket } from 'ws';
import type { CallTransport, ServedCall } from '../call/call.js';
import { EventSpeaker } from './event-speaker.js';
import { PcmIn } from './pcm-in.js';

// The service pings an idle socket about this often (a browser answers by itself).
const PING_MS = 20_000;

/**
 * Carries a call over a WebSocket: every event a text message, the microphone in `input_audio_buffer.append`, the
 * voice in `response.output_audio.delta`. The client closing the socket ends the call.
 */
export function carryOverWebSocket(call: ServedCall, socket: WebSocket): void {
  const input = new PcmIn((level, ms) => call.hear(level, ms));
  const speakers = new Set<EventSpeaker>();
  // During a blackout nothing moves either way; TCP delivers it all afterwards, in order.
  let held: { out: (string | Buffer)[]; in: (string | Buffer)[] } | undefined;
  let closing: Promise<void> | undefined;
  const ping = setInterval(() => socket.ping(), PING_MS);
  const deliver = (message: string | Buffer) =>
    socket.readyState === socket.OPEN && socket.send(message, { binary: typeof message !== 'string' });
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
        queue.in.forEach((message) => call.receive(message));
      }, ms);
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(ping);
        speakers.forEach((speaker) => speaker.close());
        if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(1000);
        await call.close();
      })()),
  };
  socket.on('message', (data, binary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    const message = binary ? bytes : bytes.toString('utf8');
    if (held) held.in.push(message);
    else call.receive(message);
  });
  socket.on('close', () => void transport.close());
  socket.on('error', () => void transport.close());
  call.open(transport);
}
