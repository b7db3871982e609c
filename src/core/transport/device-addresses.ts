/** The label of the throwaway peer's one data channel (a page counting its calls' peers can leave these out). */
export const ADDRESS_PROBE_LABEL = 'rvc-device-addresses';
// How long a look at the device's addresses may take: host candidates are gathered locally, in a few ms.
const GATHER_MS = 1000;

/**
 * The device's own network addresses, as WebRTC's host candidates show them, or undefined when the browser hides them
 * (mDNS names, before any microphone permission) or offers none to look at. No packet leaves the device: a throwaway
 * peer connection without ICE servers gathers its host candidates and is closed.
 */
export async function deviceAddresses(signal: AbortSignal): Promise<Set<string> | undefined> {
  if (typeof RTCPeerConnection === 'undefined' || signal.aborted) return undefined;
  const pc = new RTCPeerConnection({ iceServers: [] });
  const found = new Set<string>();
  // Closed at once when the call ends: nothing of it outlives the call.
  const close = () => pc.close();
  signal.addEventListener('abort', close, { once: true });
  try {
    pc.createDataChannel(ADDRESS_PROBE_LABEL);
    const gathered = new Promise<void>((done) => {
      const timer = setTimeout(done, GATHER_MS);
      signal.addEventListener('abort', () => done(clearTimeout(timer)), { once: true });
      pc.addEventListener('icecandidate', ({ candidate }) => {
        if (!candidate) return done(clearTimeout(timer));
        // `candidate:foundation component protocol priority address port typ host …` (Firefox lacks `.address`).
        const [, , , , address, , , type] = candidate.candidate.split(' ');
        if (address && type === 'host') found.add(address);
      });
    });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered;
  } catch {
    return undefined;
  } finally {
    signal.removeEventListener('abort', close);
    pc.close();
  }
  if (signal.aborted) return undefined;
  return [...found].some((address) => address.endsWith('.local')) ? undefined : found;
}

/** Whether an address the device had is gone (the visitor moved to another network): never when either is unknown. */
export const addressGone = (before: Set<string> | undefined, now: Set<string> | undefined): boolean =>
  !!before && !!now && [...before].some((address) => !now.has(address));
