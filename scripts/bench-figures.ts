// How the benchmark reduces and prints its figures (shared by bench.ts and its parts).

/** The median of the finite values (the lower middle one of an even count); NaN when there are none. */
export const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};
export const ms = (v: number): string => `${Math.round(v)} ms`;
export const ratio = (a: number, b: number): string => (b ? (a / b).toFixed(2) : '–');
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
