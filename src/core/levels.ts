/** Loudness, 0..1, of the microphone being sent and of the model's voice being played. */
export interface Levels {
  input: number;
  output: number;
}

/** Reads both levels from the peer connection's stats (Chromium caches stats for ~50 ms, so poll no faster). */
export async function readLevels(pc: RTCPeerConnection): Promise<Levels> {
  const levels: Levels = { input: 0, output: 0 };
  (await pc.getStats()).forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
    if (report.kind !== 'audio' || report.audioLevel === undefined) return;
    if (report.type === 'media-source') levels.input = report.audioLevel;
    if (report.type === 'inbound-rtp') levels.output = report.audioLevel;
  });
  return levels;
}
