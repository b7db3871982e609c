import type { ReactiveController, ReactiveElement } from 'lit';
import { fileWorker } from '../../core/start-worker.js';
import { isRunning } from '../element-error.js';

// A relative URL, not a literal in `new URL()`: bundlers would inline a literal as a data: URL (the build copies the
// file beside the script that uses it, as it does the worklets). A file, not a blob: the painter fetches nothing, so
// the page's policy needs no `worker-src blob:` for it.
const WORKER = './visualizer-worker.js';
// The states whose bars follow a level; the others (connecting, thinking, idle) are the stylesheet's own keyframes.
const LEVEL_STATES = new Set(['listening', 'user-speaking', 'assistant-speaking']);
// Five bars 4 px wide, 3 px apart (the stylesheet's).
const WIDTH_PX = 32;

type Host = ReactiveElement & { readonly state: string };
interface Bars {
  id: number;
  canvas: HTMLCanvasElement;
  activity: string | undefined;
}

// A page that refused the worker once refuses it again: ask once per page (each refusal is a report to its policy).
let refused = false;
const painters = new WeakMap<Host, Promise<VisualizerPainter | undefined>>();

/**
 * Paints `host`'s visualizers in a worker of their own, with the levels of the call's meter (`port()`), from now until
 * the conversation ends. Where the browser has no OffscreenCanvas or the page allows no worker, nothing changes: the
 * bars stay the stylesheet's, moved by `--level` on the page's thread.
 */
export function paintOffMainThread(host: Host, port: () => MessagePort): void {
  let painter = painters.get(host);
  if (!painter) painters.set(host, (painter = VisualizerPainter.start(host)));
  void painter.then((started) => started?.listen(port()));
}

/**
 * Hands each visualizer a canvas painted by the worker (OffscreenCanvas), which receives the levels straight from the
 * audio worklet: a level changes nothing on the page. The page's side is rare work: a canvas per visualizer, and its
 * colour, size and motion preference when they change.
 */
class VisualizerPainter implements ReactiveController {
  #next = 0;
  #bars = new Map<HTMLElement, Bars>();
  #resize = new ResizeObserver((entries) => entries.forEach((entry) => this.#size(entry)));
  #motion = matchMedia('(prefers-reduced-motion: reduce)');
  #motionChanged = () => this.#bars.forEach((bars, span) => this.#look(span, bars, true));

  static async start(host: Host): Promise<VisualizerPainter | undefined> {
    if (
      refused ||
      typeof OffscreenCanvas === 'undefined' ||
      !('transferControlToOffscreen' in HTMLCanvasElement.prototype)
    )
      return undefined;
    const worker = await fileWorker(new URL(WORKER, import.meta.url), 'realtime-voice-chat visualizer');
    refused = !worker;
    // The conversation may have ended while the worker started.
    if (!worker || !isRunning(host.state)) {
      worker?.terminate();
      painters.delete(host);
      return undefined;
    }
    return new VisualizerPainter(host, worker);
  }

  private constructor(
    private readonly host: Host,
    private readonly worker: Worker,
  ) {
    host.addController(this);
    this.#motion.addEventListener('change', this.#motionChanged);
    this.hostUpdated();
  }

  listen(port: MessagePort): void {
    this.worker.postMessage({ type: 'levels', port }, [port]);
  }

  hostUpdated(): void {
    if (!isRunning(this.host.state)) return this.close();
    const shown = new Set(this.host.renderRoot.querySelectorAll<HTMLElement>('[part~=visualizer]'));
    for (const span of shown) this.#look(span, this.#bars.get(span) ?? this.#attach(span));
    for (const [span, bars] of this.#bars) if (!shown.has(span)) this.#drop(span, bars);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** The conversation ended: the worker goes, and the stylesheet's bars come back. */
  close(): void {
    this.worker.terminate();
    this.#resize.disconnect();
    this.#motion.removeEventListener('change', this.#motionChanged);
    for (const [span, bars] of this.#bars) this.#drop(span, bars);
    this.host.removeController(this);
    painters.delete(this.host);
  }

  #attach(span: HTMLElement): Bars {
    const canvas = document.createElement('canvas');
    canvas.style.width = `${WIDTH_PX}px`;
    canvas.style.height = '100%';
    canvas.hidden = true;
    span.append(canvas);
    const bars = { id: ++this.#next, canvas, activity: undefined };
    const offscreen = canvas.transferControlToOffscreen();
    this.worker.postMessage({ type: 'canvas', id: bars.id, canvas: offscreen, look: { colour: 'transparent' } }, [
      offscreen,
    ]);
    this.#bars.set(span, bars);
    this.#resize.observe(canvas);
    return bars;
  }

  #drop(span: HTMLElement, bars: Bars): void {
    this.worker.postMessage({ type: 'drop', id: bars.id });
    bars.canvas.remove();
    for (const bar of span.querySelectorAll('i')) bar.hidden = false;
    this.#bars.delete(span);
  }

  /** Shows the canvas while a level drives the bars, else the stylesheet's; tells the worker the bars' colour. */
  #look(span: HTMLElement, bars: Bars, force = false): void {
    const activity = span.dataset.activity;
    if (activity === bars.activity && !force) return;
    bars.activity = activity;
    const painted = LEVEL_STATES.has(activity ?? '');
    bars.canvas.hidden = !painted;
    const first = span.querySelector('i');
    for (const bar of span.querySelectorAll('i')) bar.hidden = painted;
    if (!painted || !first) return;
    this.#post(bars, getComputedStyle(first).backgroundColor);
  }

  #size(entry: ResizeObserverEntry): void {
    const found = [...this.#bars.values()].find((bars) => bars.canvas === entry.target);
    if (found?.activity && LEVEL_STATES.has(found.activity)) this.#post(found);
  }

  #colours = new WeakMap<Bars, string>();

  /** The look (colour, motion) and the canvas's size in device pixels; the worker draws it again. */
  #post(bars: Bars, colour = this.#colours.get(bars) ?? 'transparent'): void {
    this.#colours.set(bars, colour);
    const scale = devicePixelRatio || 1;
    const { width, height } = bars.canvas.getBoundingClientRect();
    const look = { activity: bars.activity, colour, reduced: this.#motion.matches, scale };
    this.worker.postMessage({
      type: 'look',
      id: bars.id,
      look,
      width: Math.round(width * scale),
      height: Math.round(height * scale),
    });
  }
}
