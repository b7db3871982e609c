import { realtimeUrl } from '../protocol/api.js';
import { AbortedError, isAbort, unlessAborted, VoiceError } from '../errors.js';
import { StatsLevels, type Levels } from '../audio/levels.js';
import { openMicrophone, OwnedMicrophone, stopStream, switchMicrophone } from '../audio/microphone.js';
import { withRetry } from '../keys/retry.js';
import { exchangeSdp } from './sdp.js';
import { TrackMeter } from '../audio/track-meter.js';
import type { LinkReading } from '../call/link-watch.js';
import type { CallRoute, MicrophoneSource, Transport, TransportHandlers } from './transport.js';

type CandidatePairStats = {
  type?: string;
  timestamp: number;
  bytesReceived?: number;
  responsesReceived?: number;
  lastPacketReceivedTimestamp?: number;
};

/**
 * A call over WebRTC: the microphone on an audio track, the model's voice on the remote track, events on the
 * `oai-events` data channel. The token, the microphone and the offer are prepared in parallel.
 */
export class WebRtcTransport implements Transport {
  readonly kind = 'webrtc';
  #callId: string | undefined;
  #ticket: string | undefined;
  #pc: RTCPeerConnection | undefined;
  #channel: RTCDataChannel | undefined;
  #sender: RTCRtpSender | undefined;
  /** The microphone stream we opened (and so must stop); a host-supplied stream is never stored here. */
  #mic = new OwnedMicrophone();
  #enabled = true;
  #abort = new AbortController();
  #connected = false;
  /** What the path had delivered at the last look (bytes, ICE answers), and when each last grew. */
  #heard = { bytes: 0, answers: 0, bytesAt: performance.now(), answersAt: performance.now() };
  #closed = false;
  #meter: TrackMeter | undefined;
  #levels: { pc: RTCPeerConnection; stats: StatsLevels } | undefined;

  constructor(
    private readonly route: CallRoute,
    private readonly microphone: MicrophoneSource,
    private readonly on: TransportHandlers,
  ) {}

  get callId(): string | undefined {
    return this.#callId;
  }
  get attachTicket(): string | undefined {
    return this.#ticket;
  }
  get microphoneId(): string | undefined {
    return this.#sender?.track?.getSettings().deviceId;
  }

  async connect(): Promise<void> {
    if (typeof RTCPeerConnection === 'undefined') throw new VoiceError('unsupported');
    const { signal } = this.#abort;
    const pc = (this.#pc = new RTCPeerConnection());
    // The transceiver exists before the mic does, so the offer needs no mic and replaceTrack needs no renegotiation.
    this.#sender = pc.addTransceiver('audio', { direction: 'sendrecv' }).sender;
    // The service only accepts events on a channel the client created before the offer.
    const channel = (this.#channel = pc.createDataChannel('oai-events'));
    this.#wire(pc, channel);

    const microphone = (async () => {
      const stream =
        this.microphone.stream ?? (this.#mic.stream = await openMicrophone(this.microphone.constraints, signal));
      if (signal.aborted) throw new AbortedError();
      await this.#useTrack(stream.getAudioTracks()[0]);
      this.on.stage('microphone');
    })();
    const { callEndpoint, key } = this.route;
    const firstKey =
      callEndpoint || !key
        ? Promise.resolve(undefined)
        : key(false, signal).then((k) => {
            this.on.stage('token');
            return k;
          });
    const offer = pc
      .createOffer()
      .then((o) => pc.setLocalDescription(o))
      .then(() => this.on.stage('offer'));
    const answer = (async () => {
      const [first] = await Promise.all([firstKey, offer]);
      const url = callEndpoint ?? realtimeUrl(this.route.baseUrl, 'calls');
      const exchange = (value: string | undefined) =>
        withRetry(() => exchangeSdp(url, pc.localDescription!.sdp, value, signal, this.route.tools), signal);
      let used = first;
      const reply = await exchange(first?.value).catch(async (e: unknown) => {
        // The service no longer takes this key (expired or revoked early): one more try with a fresh one.
        if (!(key && !callEndpoint && e instanceof VoiceError && e.status === 401)) throw e;
        return exchange((used = await key(true, signal)).value);
      });
      if (signal.aborted) throw new AbortedError();
      this.#callId = reply.callId;
      this.#ticket = used?.ticket;
      this.on.stage('answer');
      await pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
    })();
    try {
      // All of them run in parallel; the first failure fails the call at once, and a stop ends the wait.
      await unlessAborted(Promise.all([microphone, answer]), signal);
    } catch (e) {
      if (isAbort(e) || this.#closed) throw new AbortedError();
      throw e instanceof VoiceError
        ? e
        : new VoiceError('connection_failed', e instanceof Error ? e.message : String(e));
    }
  }

  #wire(pc: RTCPeerConnection, channel: RTCDataChannel): void {
    pc.addEventListener('connectionstatechange', () => {
      if (this.#closed) return;
      const state = pc.connectionState;
      // A stall and its end are judged from what arrives (readLink), sooner than ICE says `disconnected`.
      if (state === 'connected') {
        this.on.stage('ice');
        this.#connected = true;
      } else if (state === 'failed') {
        // A peer that said goodbye (DTLS close) ended the call; one that vanished after working was lost.
        const ended = pc.sctp?.transport.state === 'closed';
        this.on.lost(
          new VoiceError(ended ? 'channel_closed' : this.#connected ? 'connection_lost' : 'connection_failed'),
        );
      }
    });
    pc.addEventListener('track', (event) => {
      if (this.#closed) return;
      // A remote track unmutes when its first RTP packet arrives: the first audio the visitor can hear.
      event.track.addEventListener('unmute', () => this.#closed || this.on.stage('firstAudio'), { once: true });
      this.on.remoteStream(event.streams[0] ?? new MediaStream([event.track]));
    });
    channel.addEventListener('open', () => {
      if (this.#closed) return;
      this.on.stage('channel');
      this.on.open();
    });
    channel.addEventListener('close', () => this.#closed || this.on.lost(new VoiceError('channel_closed')));
    channel.addEventListener('message', (event: MessageEvent) => this.#closed || this.on.message(event.data));
  }

  send(message: string): void {
    if (this.#channel?.readyState !== 'open') throw new VoiceError('not_connected', '', undefined, true);
    this.#channel.send(message);
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    const track = this.#sender?.track;
    if (track) track.enabled = enabled;
  }

  useMicrophone(deviceId: string | undefined): Promise<void> {
    return switchMicrophone(
      deviceId,
      { source: this.microphone, owned: this.#mic, signal: this.#abort.signal, on: this.on },
      (stream) => this.#useTrack(stream.getAudioTracks()[0]),
    );
  }

  /** Sends `track` and keeps following it: a microphone that goes away (unplugged) is replaced by the default one. */
  async #useTrack(track: MediaStreamTrack | undefined): Promise<void> {
    await this.#sender!.replaceTrack(track ?? null);
    if (track) track.enabled = this.#enabled;
    track?.addEventListener('ended', () => {
      if (!this.#closed && this.#sender?.track === track) void this.useMicrophone(undefined);
    });
  }

  /** Gives up the microphone we opened (the call falls back to another transport, which keeps it). */
  releaseMicrophone(): MediaStream | undefined {
    return this.#mic.replace(undefined);
  }

  async readLevels(): Promise<Levels> {
    if (!this.#pc) return { input: 0, output: 0 };
    if (this.#levels?.pc !== this.#pc) this.#levels = { pc: this.#pc, stats: new StatsLevels(this.#pc) };
    const { input, output } = await this.#levels.stats.read();
    return { input: input ?? this.#measured(), output };
  }

  // Media reports, voice and ICE's answers to the browser's consent checks keep arriving while the path works.
  async readLink(): Promise<LinkReading> {
    const now = performance.now();
    const seen = { bytes: 0, answers: 0, lastAt: 0 };
    (await this.#pc?.getStats())?.forEach((pair: CandidatePairStats) => {
      if (pair.type !== 'candidate-pair') return;
      seen.bytes += pair.bytesReceived ?? 0;
      seen.answers += pair.responsesReceived ?? 0;
      // When the last packet came, as the browser saw it (on this page's clock): sharper than noticing a change.
      if (pair.lastPacketReceivedTimestamp)
        seen.lastAt = Math.max(seen.lastAt, now - (pair.timestamp - pair.lastPacketReceivedTimestamp));
    });
    const heard = this.#heard;
    if (seen.bytes !== heard.bytes) heard.bytesAt = seen.lastAt || now;
    if (seen.answers !== heard.answers) heard.answersAt = now;
    Object.assign(heard, { bytes: seen.bytes, answers: seen.answers });
    return { heardAt: Math.max(heard.bytesAt, heard.answersAt), steady: true };
  }

  // Without a level in the stats (Firefox), the microphone is measured in the page; a new track gets a new meter.
  #measured(): number {
    const track = this.#sender?.track;
    if (this.#meter?.track !== track) {
      this.#meter?.close();
      this.#meter = track && !this.#closed ? new TrackMeter(track) : undefined;
    }
    return this.#meter?.read() ?? 0;
  }

  // Over WebRTC the service plays the voice: `output_audio_buffer.clear` stops it there and truncates the item.
  stopPlayback(): { type: string } {
    return { type: 'output_audio_buffer.clear' };
  }

  // Over WebRTC the service cuts the reply and the item to what was heard itself.
  voiceInterrupted(): undefined {
    return undefined;
  }

  // The <audio> that plays the remote stream is the page's: resuming it is the element's job.
  async resumeAudio(): Promise<void> {}

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#channel?.close();
    this.#pc?.close();
    this.#meter?.close();
    stopStream(this.#mic.stream);
  }
}
