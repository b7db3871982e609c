// Browser-side access to the test services started by web-test-runner.config.mjs.

export interface HeardReport {
  packets: number;
  heardMs: number;
  voicedMs: number;
  peak: number;
}

let config: Promise<{ baseUrl: string }> | undefined;

/** The stand-in's base URL (`http://127.0.0.1:PORT/v1`), another origin than the test page. */
export async function standInBaseUrl(): Promise<string> {
  config ??= fetch('/test-config').then((r) => r.json());
  return (await config).baseUrl;
}

/** What the stand-in heard on a call, and which client events it received. */
export async function callReport(callId: string): Promise<{ heard: HeardReport; closed: boolean; received: string[] }> {
  const response = await fetch(`${await standInBaseUrl()}/stand-in/calls/${callId}`);
  if (!response.ok) throw new Error(`no report for ${callId}: HTTP ${response.status}`);
  return response.json();
}
