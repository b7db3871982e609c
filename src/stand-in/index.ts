export {
  startStandIn,
  createStandInHandler,
  isLoopback,
  type StandIn,
  type StandInOptions,
  type StandInDelays,
  type StandInHandlerOptions,
} from './server.js';
export { FAULTS, type Fault } from './faults.js';
export { synthesizeWav, parseWav, resample, toWav, rms, speak, type Pcm } from './speech.js';
export type { HeardReport } from './audio-in.js';
