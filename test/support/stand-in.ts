// Browser-side access to the test services started by web-test-runner.config.mjs.

export interface HeardReport {
  packets: number;
  heardMs: number;
  voicedMs: number;
  peak: number;
}

let config: Promise<{ baseUrl: string; otherSite: string; micRms: { chatty: number; turns: number } }> | undefined;
const testConfig = () => (config ??= fetch('/test-config').then((r) => r.json()));

/** The stand-in's base URL (`http://127.0.0.1:PORT/v1`), another origin than the test page. */
export async function standInBaseUrl(): Promise<string> {
  return (await testConfig()).baseUrl;
}

/** Another site's origin (`http://127.0.0.3:PORT`) serving the demo pages, the built scripts and its own /token. */
export async function otherSiteOrigin(): Promise<string> {
  return (await testConfig()).otherSite;
}

/** RMS level of the speech in the fake microphone files (checked loud enough when they were written). */
export async function fakeMicRms(): Promise<{ chatty: number; turns: number }> {
  return (await testConfig()).micRms;
}

/** What the stand-in heard on a call, and which client events it received. */
export async function callReport(
  callId: string,
): Promise<{ heard: HeardReport; closed: boolean; received: string[]; cutsWhileSpeaking: number[]; items: number }> {
  const response = await fetch(`${await standInBaseUrl()}/stand-in/calls/${callId}`);
  if (!response.ok) throw new Error(`no report for ${callId}: HTTP ${response.status}`);
  return response.json();
}

/** The stand-in's base URL with a fault for the calls made through it (see src/stand-in/faults/faults.ts). */
export async function faultyBaseUrl(fault: string): Promise<string> {
  return (await standInBaseUrl()).replace(/\/v1$/, `/fault/${fault}/v1`);
}

let countFrom = 0;

/**
 * Counts requests from now on. A request an earlier test aborted can still be entered in resource timing after a
 * clear (under load, when it ends): its start time gives it away.
 */
export function startCountingRequests(): void {
  performance.clearResourceTimings();
  countFrom = performance.now();
}

/** How many requests the page has made to URLs containing `part` (from the browser's own resource timing). */
export function requestsTo(part: string): number {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= countFrom && entry.name.includes(part)).length;
}

/** A base URL through which calls replay a recorded session (test/recordings/{name}.jsonl) onto a real WebRTC call. */
export async function replayBaseUrl(name: string): Promise<string> {
  return (await standInBaseUrl()).replace(/\/v1$/, `/replay/${name}/v1`);
}
