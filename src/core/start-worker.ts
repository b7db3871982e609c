type ScriptUrlPolicy = { createScriptURL(url: string): unknown };
let policy: ScriptUrlPolicy | undefined;
// Script URLs this module was asked to start a worker from (besides its own blob: URLs): Trusted Types lets only these.
const ours = new Set<string>();

// A worker that neither starts nor fails within this long is given up for the page's own thread.
const START_MS = 3000;

/** `url` as the page's Trusted Types want it, where it enforces them: only our blob: URLs and our files pass. */
function scriptUrl(url: string): string {
  const types = (
    globalThis as {
      trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };
    }
  ).trustedTypes;
  if (!types) return url;
  policy ??= types.createPolicy('realtime-voice-chat', {
    createScriptURL: (value) => {
      if (!value.startsWith('blob:') && !ours.has(value))
        throw new TypeError(`realtime-voice-chat loads no script but its workers, not ${value}`);
      return value;
    },
  });
  return policy.createScriptURL(url) as string;
}

/** Starts a worker and resolves once it posts `{type: 'ready'}`; undefined if the page refuses it or it fails. */
async function start(url: string, name: string, revoke: boolean): Promise<Worker | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(scriptUrl(url), { name });
  } catch {
    if (revoke) URL.revokeObjectURL(url);
    return undefined;
  }
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_MS);
    worker.onmessage = ({ data }: MessageEvent<{ type?: string }>) => {
      if (data.type !== 'ready') return;
      clearTimeout(timer);
      resolve(true);
    };
    // A policy that forbids it, or a file that is not there.
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve(false);
    };
  });
  worker.onerror = null;
  worker.onmessage = null;
  if (revoke) URL.revokeObjectURL(url);
  if (started) return worker;
  worker.terminate();
  return undefined;
}

/**
 * Starts a worker from its code as a `blob:` URL: such a worker takes the page's own Content-Security-Policy (one
 * loaded from a file would carry that file's policy, often none), for a worker that opens connections.
 */
export async function blobWorker(code: Promise<string | undefined>, name: string): Promise<Worker | undefined> {
  const text = await code;
  if (!text) return undefined;
  return start(URL.createObjectURL(new Blob([text], { type: 'text/javascript' })), name, true);
}

/** Starts a worker from a file beside the script (or a `blob:` URL the one-file build made): one that fetches nothing. */
export function fileWorker(url: URL | string, name: string): Promise<Worker | undefined> {
  const href = String(url);
  ours.add(href);
  return start(href, name, false);
}

/** The text of a file beside the script (a worker's code), or undefined when it cannot be fetched. */
export const fetchText = (url: URL): Promise<string | undefined> =>
  fetch(url)
    .then((response) => (response.ok ? response.text() : undefined))
    .catch(() => undefined);
