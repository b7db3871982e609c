export { startStandIn, createStandInHandler, type StandIn, type StandInOptions, type StandInDelays } from './server.js';
export { synthesizeWav, parseWav, resample, toWav, rms, speak, type Pcm } from './speech.js';
export type { HeardReport } from './audio-in.js';
