// `npm run test:live [-- --record [folder]]`: the conformance check, a text turn and a tool turn against the real
// Realtime API, for whoever has a key (OPENAI_API_KEY). Never part of npm test or CI; without a key it says so.
import { liveCheck } from './live-check.js';

const apiKey = process.env.OPENAI_API_KEY;
if (!apiKey) {
  console.log('test:live skipped: set OPENAI_API_KEY to check against the real Realtime API (it never runs in CI).');
  process.exit(0);
}
const recordAt = process.argv.indexOf('--record');
const record =
  recordAt < 0
    ? undefined
    : process.argv[recordAt + 1] && !process.argv[recordAt + 1].startsWith('--')
      ? process.argv[recordAt + 1]
      : 'recordings';
const baseUrl = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';

const result = await liveCheck(
  { baseUrl, apiKey, loopback: false, model: process.env.OPENAI_REALTIME_MODEL },
  { record },
);
console.log(`conformance: ${result.events} events, ${result.mismatches.length} mismatches`);
for (const { type, problem } of result.mismatches) console.log(`  ✗ ${type}: ${problem}`);
console.log(`text turn: ${result.turns.text}; tool turn: ${result.turns.tool}`);
if (result.recording)
  console.log(
    `recorded: ${result.recording} (replay it: start the stand-in with that folder as its recordings, base URL /replay/<name>/v1)`,
  );
const ok = result.mismatches.length === 0 && result.turns.text === 'completed' && result.turns.tool === 'completed';
console.log(ok ? 'test:live passed' : 'test:live failed');
process.exit(ok ? 0 : 1);
