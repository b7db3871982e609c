/** Loudness, 0..1, of the microphone being sent and of the model's voice being played. */
export interface Levels {
  input: number;
  output: number;
}

/**
 * How often levels are read: every 50 ms while a turn is timed (it ends when the voice is audible; getStats, which
 * Chromium caches for about 50 ms, is read no faster), else every 100 ms, about as often as the meters are painted.
 */
export const levelPollMs = (timingTurn: boolean): number => (timingTurn ? 50 : 100);

type LevelStats = { type: string; kind?: string; audioLevel?: number };

/**
 * Reads both levels from the peer connection's stats (Chromium caches stats for ~50 ms, so poll no faster). `input` is
 * undefined when the stats have no `media-source` level (Firefox). The report is read by id: walking all of it turns
 * every entry (candidates, certificates, codecs) into an object, which cost a live call more than everything else it
 * does on the main thread; the two ids are found once, and again only when one goes missing.
 */
export class StatsLevels {
  #ids: { input?: string; output?: string } = {};
  #reads = 0;

  constructor(private readonly pc: RTCPeerConnection) {}

  async read(): Promise<{ input: number | undefined; output: number }> {
    const report = await this.pc.getStats();
    const ids = this.#ids;
    let input = ids.input ? (report.get(ids.input) as LevelStats | undefined) : undefined;
    let output = ids.output ? (report.get(ids.output) as LevelStats | undefined) : undefined;
    // Look again when an entry went missing, and about once a second while one is not there yet (no voice so far).
    const missing = (ids.input && !input) || (ids.output && !output);
    if (missing || ((!ids.input || !ids.output) && this.#reads++ % SCAN_EVERY === 0)) {
      this.#ids = {};
      report.forEach((entry: LevelStats & { id: string }) => {
        if (entry.kind !== 'audio' || entry.audioLevel === undefined) return;
        if (entry.type === 'media-source') {
          this.#ids.input = entry.id;
          input = entry;
        }
        if (entry.type === 'inbound-rtp') {
          this.#ids.output = entry.id;
          output = entry;
        }
      });
    }
    return { input: input?.audioLevel, output: output?.audioLevel ?? 0 };
  }
}

// Levels are read 10 to 20 times a second: a missing entry is looked for about once a second.
const SCAN_EVERY = 10;
