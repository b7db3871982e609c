import { createRequire } from 'node:module';

// @evan/opus prefers its native addon, which shares static buffers across instances and was seen to crash the whole
// test process (SIGSEGV); its WebAssembly build does the same work where a fault is an exception, not a crash.
process.env.OPUS_FORCE_WASM = '1';
const opus = createRequire(import.meta.url)('@evan/opus') as typeof import('@evan/opus');

export const { Encoder, Decoder } = opus;
