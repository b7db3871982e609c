/** Loudness, 0..1, of the microphone being sent and of the model's voice being played. */
export interface Levels {
  input: number;
  output: number;
}

/**
 * Reads both levels from the peer connection's stats (Chromium caches stats for ~50 ms, so poll no faster). `input` is
 * undefined when the stats have no `media-source` level (Firefox).
 */
export async function readLevels(pc: RTCPeerConnection): Promise<{ input: number | undefined; output: number }> {
  const levels: { input: number | undefined; output: number } = { input: undefined, output: 0 };
  (await pc.getStats()).forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
    if (report.kind !== 'audio' || report.audioLevel === undefined) return;
    if (report.type === 'media-source') levels.input = report.audioLevel;
    if (report.type === 'inbound-rtp') levels.output = report.audioLevel;
  });
  return levels;
}
