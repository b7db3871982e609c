// The benchmark's table: each figure beside its reference from the same run, the ratio, and the goal.
import { BUDGET_GZIP_BYTES } from './bundle-size.mjs';
import { kb, median, ms, ratio } from './bench-figures.js';

type Size = { raw: number; gzip: number; brotli: number };
type Stages = Record<string, number>;
type Render = {
  busyPerDelta: number;
  rendersPerFrame: number;
  longTasks: number;
  longestTask: number;
  dropped: number;
  frames: number;
  memory: { first: number; mid: number; last: number } | undefined;
};

/** What one run of `npm run bench` measured. */
export interface BenchResults {
  standalone: Size;
  classic: Size;
  npmEntry: Size;
  lazyChunks: (Size & { name: string })[];
  ours: Stages[];
  sequential: Stages[];
  prefetch: Stages[];
  restored: Stages[];
  languages: (Size & { name: string })[];
  unified: Stages[];
  cold: Record<'split' | 'classic', Stages[]>;
  floor: { channel: number; ready: number; firstAudio: number };
  renderOurs: Render;
  renderNaive: Render;
  hourTurns: number;
  /** The median of one leg of the per-turn latency. */
  leg: (key: 'total' | 'ours' | 'server' | 'playout' | 'transit') => number;
  transports: string[][];
}

const pick = (runs: Stages[], key: string) => median(runs.map((r) => r[key]));

/** The results as a Markdown table. */
export function benchTable(r: BenchResults): string {
  const rows: string[][] = [
    [
      'One-file build, gzip (brotli)',
      `${kb(r.standalone.gzip)} (${kb(r.standalone.brotli)})`,
      `budget ${kb(BUDGET_GZIP_BYTES)}`,
      ratio(r.standalone.gzip, BUDGET_GZIP_BYTES),
      '≤ 1.00',
    ],
    [
      'Lazy chunks of the one-file build, gzip (loaded on first use)',
      r.lazyChunks.map((c) => `${c.name} ${kb(c.gzip)}`).join(' · '),
      '',
      '',
      '',
    ],
    languageRow(r.languages),
    [
      'Classic-script build (everything inlined), gzip (brotli)',
      `${kb(r.classic.gzip)} (${kb(r.classic.brotli)})`,
      '',
      '',
      '',
    ],
    [
      'npm entry `dist/index.js` (lit, zod external), gzip (brotli)',
      `${kb(r.npmEntry.gzip)} (${kb(r.npmEntry.brotli)})`,
      '',
      '',
      '',
    ],
    [
      'Start → channel open',
      ms(pick(r.ours, 'channel')),
      `r.floor ${ms(r.floor.channel)} · r.sequential ${ms(pick(r.sequential, 'channel'))}`,
      `${ratio(pick(r.ours, 'channel'), r.floor.channel)} of r.floor · r.sequential ×${ratio(pick(r.sequential, 'channel'), pick(r.ours, 'channel'))}`,
      '≤ 1.1 · ≥ 1.5',
    ],
    [
      'Start → session.updated (live)',
      ms(pick(r.ours, 'ready')),
      `r.floor ${ms(r.floor.ready)} · r.sequential ${ms(pick(r.sequential, 'ready'))}`,
      `${ratio(pick(r.ours, 'ready'), r.floor.ready)} of r.floor · r.sequential ×${ratio(pick(r.sequential, 'ready'), pick(r.ours, 'ready'))}`,
      '≤ 1.1',
    ],
    [
      'Start → first audio',
      ms(pick(r.ours, 'firstAudio')),
      `r.floor ${ms(r.floor.firstAudio)} · r.sequential ${ms(pick(r.sequential, 'firstAudio'))}`,
      `${ratio(pick(r.ours, 'firstAudio'), r.floor.firstAudio)} of r.floor · r.sequential ×${ratio(pick(r.sequential, 'firstAudio'), pick(r.ours, 'firstAudio'))}`,
      '≤ 1.1',
    ],
    [
      'Start → channel open, key prefetched on hover (`r.prefetch`)',
      ms(pick(r.prefetch, 'channel')),
      `without ${ms(pick(r.ours, 'channel'))} · r.sequential ${ms(pick(r.sequential, 'channel'))}`,
      `${ratio(pick(r.prefetch, 'channel'), pick(r.ours, 'channel'))} of without · r.sequential ×${ratio(pick(r.sequential, 'channel'), pick(r.prefetch, 'channel'))}`,
      '≥ 1.5',
    ],
    [
      'Start → live with 50 messages kept from an earlier page (`persist`; the call seeded with them)',
      ms(pick(r.restored, 'ready')),
      `an empty conversation ${ms(pick(r.ours, 'ready'))}`,
      `${ratio(pick(r.restored, 'ready'), pick(r.ours, 'ready'))} of empty`,
      '≤ 1.1',
    ],
    [
      'Start → channel open, r.unified interface (`call-endpoint`, no key fetch)',
      ms(pick(r.unified, 'channel')),
      `token endpoint ${ms(pick(r.ours, 'channel'))}`,
      `${ratio(pick(r.unified, 'channel'), pick(r.ours, 'channel'))} of token`,
      '< 1',
    ],
    [
      'Start → channel open on a r.cold page: split build (session code loaded at Start) vs r.classic (all inlined)',
      ms(pick(r.cold.split, 'channel')),
      `r.classic ${ms(pick(r.cold.classic, 'channel'))}`,
      ratio(pick(r.cold.split, 'channel'), pick(r.cold.classic, 'channel')),
      '≤ 1.02',
    ],
    [
      'Main-thread time per delta',
      `${r.renderOurs.busyPerDelta.toFixed(3)} ms`,
      `naive ${r.renderNaive.busyPerDelta.toFixed(3)} ms`,
      ratio(r.renderOurs.busyPerDelta, r.renderNaive.busyPerDelta),
      '≤ 0.5',
    ],
    [
      'Renders per frame',
      r.renderOurs.rendersPerFrame.toFixed(2),
      `naive ${r.renderNaive.rendersPerFrame.toFixed(2)}`,
      '',
      '≤ 1',
    ],
    [
      'Long tasks (> 50 ms) / longest',
      `${r.renderOurs.longTasks} / ${ms(r.renderOurs.longestTask)}`,
      `naive ${r.renderNaive.longTasks} / ${ms(r.renderNaive.longestTask)}`,
      '',
      '0',
    ],
    [
      'Dropped frames',
      `${r.renderOurs.dropped} of ${r.renderOurs.frames}`,
      `naive ${r.renderNaive.dropped} of ${r.renderNaive.frames}`,
      '',
      '',
    ],
    [
      `Heap after ${r.hourTurns / 10} / ${r.hourTurns / 2} / ${r.hourTurns} turns (a simulated hour)`,
      [r.renderOurs.memory!.first, r.renderOurs.memory!.mid, r.renderOurs.memory!.last]
        .map((b) => `${(b / 1048576).toFixed(1)} MB`)
        .join(' / '),
      `${((r.renderOurs.memory!.last - r.renderOurs.memory!.first) / 1024 / ((r.hourTurns * 9) / 10)).toFixed(1)} KB per turn`,
      '',
      'flat',
    ],
    [
      'Text sent → first audio heard, per turn',
      ms(r.leg('total')),
      `stand-in reply ${ms(r.leg('server'))} · browser jitter buffer + playout ${ms(r.leg('playout'))}`,
      `our overhead ${ms(r.leg('ours'))}`,
      '< 30 ms',
    ],
    ...r.transports,
  ];
  const header = ['figure', 'ours (median)', 'reference (same run)', 'ratio', 'goal'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return table;
}

/** The UI languages' chunks: the smallest and largest, and the two right-to-left ones. */
function languageRow(languages: (Size & { name: string })[]): string[] {
  const sorted = [...languages].sort((a, b) => a.gzip - b.gzip);
  const [small, large] = [sorted[0], sorted.at(-1)];
  const named = (c: Size & { name: string }) => `${c.name} ${kb(c.gzip)}`;
  const rtl = sorted.filter((c) => c.name === 'ar' || c.name === 'he');
  return [
    `UI language chunks, gzip (${languages.length} besides English; a visitor loads only theirs)`,
    small && large ? `${named(small)} … ${named(large)}` : 'none built',
    rtl.map(named).join(' · '),
    '',
    '',
  ];
}
