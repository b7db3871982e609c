import { AbortedError, isAbort, VoiceError } from '../errors.js';
import type { MicrophoneSource, TransportHandlers } from '../transport/transport.js';

/** Echo cancellation matters: the model's voice plays from the same device the visitor speaks into. */
export const DEFAULT_AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/**
 * Opens the microphone. The caller owns the returned stream and must stop its tracks ({@link stopStream}).
 * If the signal aborts while the prompt is open, the stream that arrives later is stopped at once.
 */
export async function openMicrophone(constraints: MediaTrackConstraints, signal: AbortSignal): Promise<MediaStream> {
  if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
    throw new VoiceError('unsupported');
  }
  // A frame without allow="microphone" is refused without a prompt; say why instead of "blocked".
  if (await notAllowedHere()) throw new VoiceError('microphone_not_allowed_here');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: constraints });
  } catch (e) {
    if (signal.aborted) throw new AbortedError();
    const name = e instanceof DOMException ? e.name : '';
    const message = e instanceof Error ? e.message : String(e);
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new VoiceError('microphone_denied', message);
    throw new VoiceError('microphone_unavailable', message);
  }
  if (signal.aborted) {
    stopStream(stream);
    throw new AbortedError();
  }
  return stream;
}

/** Whether this document may not use a microphone at all: a cross-origin frame without allow="microphone". */
async function notAllowedHere(): Promise<boolean> {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(feature: string): boolean } }).featurePolicy;
  if (policy) return !policy.allowsFeature('microphone');
  // Firefox and Safari have no policy API. In a cross-origin frame, "denied" before anything was asked is the frame's
  // policy (a visitor's lasting block of the whole site reads the same there, and gets the same advice).
  if (!inCrossOriginFrame()) return false;
  const status = await navigator.permissions?.query({ name: 'microphone' }).catch(() => undefined);
  return status?.state === 'denied';
}

function inCrossOriginFrame(): boolean {
  if (window === window.top) return false;
  try {
    return !window.top!.location.href;
  } catch {
    return true;
  }
}

/** The microphone stream a transport opened itself, to stop or hand over; a host's own stream is never held here. */
export class OwnedMicrophone {
  stream: MediaStream | undefined;

  /** Holds `stream` instead; returns the one it held. */
  replace(stream: MediaStream | undefined): MediaStream | undefined {
    const previous = this.stream;
    this.stream = stream;
    return previous;
  }
}

/** What a transport lends {@link switchMicrophone}: its microphone settings, the stream it owns, its lifetime, its handlers. */
export interface MicrophoneOwner {
  readonly source: MicrophoneSource;
  readonly owned: OwnedMicrophone;
  /** Aborted when the call closes. */
  readonly signal: AbortSignal;
  /** Told when the new microphone could not be opened: the call goes on with the old one. */
  readonly on: Pick<TransportHandlers, 'microphoneError'>;
}

/**
 * Switches a call to microphone `deviceId` (the default one when undefined) without interrupting it: `use` puts the
 * new stream in use, then the one it replaces is stopped.
 */
export async function switchMicrophone(
  deviceId: string | undefined,
  owner: MicrophoneOwner,
  use: (stream: MediaStream) => unknown,
): Promise<void> {
  const { signal } = owner;
  if (signal.aborted) return;
  try {
    const stream = await openMicrophone(
      { ...owner.source.constraints, deviceId: deviceId ? { exact: deviceId } : undefined },
      signal,
    );
    if (signal.aborted) return stopStream(stream);
    const previous = owner.owned.replace(stream);
    await use(stream);
    stopStream(previous);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    const error = e instanceof VoiceError ? e : new VoiceError('microphone_unavailable', String(e));
    owner.on.microphoneError(new VoiceError(error.code, error.detail, undefined, true));
  }
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
