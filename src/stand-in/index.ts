export {
  startStandIn,
  createStandInHandler,
  isLoopback,
  type StandIn,
  type StandInOptions,
  type StandInDelays,
  type StandInHandlerOptions,
} from './server.js';
export { FAULTS, type Fault } from './faults/faults.js';
export { synthesizeWav, parseWav, resample, toWav, rms, speak, type Pcm } from './media/speech.js';
export type { HeardReport } from './media/audio-in.js';
