// Records every peer connection and microphone stream the page creates, so tests can prove nothing is left running.
// It watches the platform APIs the code under test calls; it never reaches into the element's private state.

import { ADDRESS_PROBE_LABEL } from '../../src/core/transport/device-addresses.js';

const peers: RTCPeerConnection[] = [];
// The call's look at the device's addresses (a throwaway peer, no packet sent): open ones still count as left running.
const probes = new WeakSet<RTCPeerConnection>();
const streams: MediaStream[] = [];
const sockets: WebSocket[] = [];
const contexts: AudioContext[] = [];
const workers = new Set<Worker>();
let micRequests = 0;
const pending = new Set<Promise<unknown>>();

const NativePeer = window.RTCPeerConnection;
if (!(window.WebSocket as unknown as { tracked?: boolean }).tracked) {
  // WebKitGTK as Debian builds it has no RTCPeerConnection.
  if (NativePeer)
    window.RTCPeerConnection = class TrackedPeer extends NativePeer {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.push(this);
      }
      override createDataChannel(label: string, options?: RTCDataChannelInit): RTCDataChannel {
        if (label === ADDRESS_PROBE_LABEL) probes.add(this);
        return super.createDataChannel(label, options);
      }
    };
  window.WebSocket = class TrackedSocket extends window.WebSocket {
    static tracked = true;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  };
  // The WebSocket transport's socket lives in a worker: the worker's end is the socket's end, as the page sees it.
  window.Worker = class TrackedWorker extends window.Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.add(this);
    }
    override terminate(): void {
      workers.delete(this);
      super.terminate();
    }
  };
  window.AudioContext = class TrackedContext extends window.AudioContext {
    constructor(options?: AudioContextOptions) {
      super(options);
      contexts.push(this);
    }
  };
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    micRequests++;
    const request = getUserMedia(constraints);
    pending.add(request);
    try {
      const stream = await request;
      streams.push(stream);
      return stream;
    } finally {
      pending.delete(request);
    }
  };
}

export const resources = {
  /** Peers created for calls since the last reset. */
  get peers(): readonly RTCPeerConnection[] {
    return peers.filter((pc) => !probes.has(pc));
  },
  get micRequests(): number {
    return micRequests;
  },
  liveTracks(): MediaStreamTrack[] {
    return streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');
  },
  /** WebSockets not closed (or closing) yet. */
  openSockets(): WebSocket[] {
    return sockets.filter(
      (socket) => socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN,
    );
  },
  /** Workers not ended yet (the socket's worker, while a WebSocket call lasts). */
  liveWorkers(): Worker[] {
    return [...workers];
  },
  /** Audio contexts not closed: each holds an audio thread (and on some devices the audio hardware). */
  openAudioContexts(): AudioContext[] {
    return contexts.filter((context) => context.state !== 'closed');
  },
  /** Calls' peers not closed (a look at the device's addresses, closed by itself within a second, is not one). */
  openPeers(): RTCPeerConnection[] {
    return this.peers.filter(isOpen);
  },
  /** Every peer not closed, the address looks included: a call's end closes them too. */
  allOpenPeers(): RTCPeerConnection[] {
    return peers.filter(isOpen);
  },
  /** Resolves once every microphone request under way has been answered (and its owner has reacted). */
  async settled(): Promise<void> {
    await Promise.allSettled([...pending]);
    await new Promise((resolve) => setTimeout(resolve));
  },
  reset(): void {
    peers.length = 0;
    streams.length = 0;
    sockets.length = 0;
    contexts.length = 0;
    workers.clear();
    micRequests = 0;
  },
};

function isOpen(pc: RTCPeerConnection): boolean {
  return pc.connectionState !== 'closed' || pc.signalingState !== 'closed';
}

/** Total audio energy received on a peer's inbound audio (0 when nothing audible arrived). */
export async function inboundAudioEnergy(pc: RTCPeerConnection): Promise<number> {
  let energy = 0;
  (await pc.getStats()).forEach((report) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') energy += report.totalAudioEnergy ?? 0;
  });
  return energy;
}

/** After a call ends: no microphone track is live and no peer connection is open. */
export async function nothingLeftRunning(): Promise<void> {
  await resources.settled();
  const live = resources.liveTracks().length;
  const open = resources.allOpenPeers().length;
  if (live || open) throw new Error(`left running: ${live} live microphone tracks, ${open} open peers`);
}
