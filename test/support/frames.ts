import { executeServerCommand } from '@web/test-runner-commands';

/** Frames `src` in the test page (as a host page embeds a widget) and resolves once it has loaded. */
export async function openFrame(src: string, allow?: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  if (allow !== undefined) frame.allow = allow;
  frame.src = src;
  frame.style.cssText = 'width: 480px; height: 640px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

/** What a visitor sees of the element in a frame after pressing Start, read inside the frame (any origin). */
export interface FramedStart {
  state: string;
  codes: string[];
  error: string;
  /** The state once Stop was pressed after that. */
  afterStop: string;
}

/**
 * Presses the element's Start in the frame, waits until it is live or failed, stops it, and reports what the frame
 * saw. Runs inside the frame through the browser, so a cross-origin frame works too.
 */
export function startInFrame(frame: HTMLIFrameElement): Promise<FramedStart> {
  const script = `(async () => {
    await customElements.whenDefined('realtime-voice-chat');
    const el = document.querySelector('realtime-voice-chat');
    const codes = [];
    el.addEventListener('rvc-error', (e) => codes.push(e.detail.code));
    await el.updateComplete;
    el.shadowRoot.querySelector('[part~="start-button"]').click();
    await new Promise((resolve) => {
      const check = () => (el.state === 'live' || el.state === 'failed' ? resolve() : el.addEventListener('rvc-state', check, { once: true }));
      check();
    });
    await el.updateComplete;
    const state = el.state;
    const error = el.shadowRoot.querySelector('[part~="error"]')?.textContent.replace(/\\s+/g, ' ').trim() ?? '';
    el.shadowRoot.querySelector('[part~="stop-button"]')?.click();
    await el.updateComplete;
    return { state, codes, error, afterStop: el.state };
  })()`;
  return executeServerCommand('in-frame', { url: frame.src, script });
}

/** Resolves once `predicate` holds, checked after each change to the document (a framework re-rendering it). */
export function whenDom(doc: Document, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const observer = new MutationObserver(() => {
      if (!predicate()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Types into a framework-controlled input the way a visitor does (the frameworks listen to `input`). */
export function typeInto(input: HTMLInputElement, text: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
