import { FAULTS } from './faults/faults.js';
import { startStandIn } from './server.js';

// `npm run stand-in [-- --port N] [-- --recordings FOLDER]`: the local Realtime API imitation, on loopback only.
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

if (process.argv.includes('--help')) {
  console.log(`realtime-voice-chat stand-in: a local imitation of the OpenAI Realtime API, for tests and offline work.

  npm run stand-in [-- --port N] [--recordings FOLDER]

It is a test double, and differs from the service on purpose in these ways only:
  - any standard key (sk-…) is accepted; the ephemeral keys it mints expire and are freed;
  - it listens on loopback only (127.0.0.1);
  - its replies are scripted and say they come from the stand-in (it recognises no words).
It speaks both transports: WebRTC (POST {base}/realtime/calls) and WebSocket ({base}/realtime?model=…, key as the
subprotocol openai-insecure-api-key.<ek_…> or Authorization: Bearer sk-…; needs the optional package ws). Call faults
strike both: a refusal answers the WebSocket upgrade with its HTTP status (a 401 as error + close 3000).
Faults and scenarios: base URL {origin}/fault/{name}/v1 (add ~tag to keep a -once fault's count apart):
${Object.entries(FAULTS)
  .map(([name, { does }]) => `  ${name.padEnd(24)} ${does}`)
  .join('\n')}
Recorded sessions: with --recordings FOLDER, base URL {origin}/replay/{name}/v1 replays FOLDER/{name}.jsonl.`);
  process.exit(0);
}

const port = argument('--port');
const recordings = argument('--recordings');
const standIn = await startStandIn({ port: port ? Number(port) : 0, ...(recordings ? { recordings } : {}) });
console.log(`Realtime stand-in listening: ${standIn.baseUrl} (any sk- key works; --help for faults and replays)`);
const stop = () => void standIn.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
