import type { WebSocket } from 'ws';

/** One server-side control connection to a call: it sees every event the call sends and may send client events. */
interface Control {
  send(message: string): void;
  close(): void;
}

// The service pings an idle socket about this often.
const PING_MS = 20_000;

/**
 * The control connections of one call (`/v1/realtime?call_id=…` with a standard key): each gets the same event stream
 * as the call's own channel from the moment it attached, and the call's end closes them; closing one leaves the call.
 */
export class ControlSockets {
  #controls = new Set<Control>();

  get size(): number {
    return this.#controls.size;
  }

  /** Every event the call sends, as sent. */
  send(message: string): void {
    for (const control of this.#controls) control.send(message);
  }

  /** Attaches a socket; its messages go to `receive` as client events of the call. */
  attach(socket: WebSocket, receive: (message: string | Buffer) => void): void {
    const ping = setInterval(() => socket.ping(), PING_MS);
    const control: Control = {
      send: (message) => socket.readyState === socket.OPEN && socket.send(message),
      close: () => socket.close(1000),
    };
    this.#controls.add(control);
    const detach = () => {
      clearInterval(ping);
      this.#controls.delete(control);
    };
    socket.on('message', (data, binary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      receive(binary ? bytes : bytes.toString('utf8'));
    });
    socket.on('close', detach);
    socket.on('error', detach);
  }

  close(): void {
    for (const control of this.#controls) control.close();
    this.#controls.clear();
  }
}
