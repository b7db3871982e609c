import { createRequire } from 'node:module';

// @evan/opus prefers its native addon, which shares static buffers across instances; its WebAssembly build does the
// same work (0.4 ms a frame) where a fault is an exception, not a crash of the process that hosts the stand-in.
process.env.OPUS_FORCE_WASM = '1';
const opus = createRequire(import.meta.url)('@evan/opus') as typeof import('@evan/opus');

export const { Encoder, Decoder } = opus;
