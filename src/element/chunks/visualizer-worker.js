// The visualizer's worker: paints the five bars of each visualizer on a canvas handed over from the page
// (OffscreenCanvas), with the levels it receives straight from the level meter's audio worklet (a MessagePort), so a
// talking call costs the page's main thread no style, layout or paint per level. Plain JavaScript on purpose: it runs
// in the worker's own scope, made from a blob: URL like the socket worker, and imports nothing.

// The bars as the stylesheet draws them: 4 px wide, 3 px apart, rounded, scaled about their middle by
// 0.3 + 0.7 × level × k (reduced motion: half height, the level shown by opacity).
const BAR = 4;
const GAP = 3;
const RADIUS = 2;
const K = [0.45, 0.75, 1, 0.75, 0.45];

/** @type {Map<number, {context: OffscreenCanvasRenderingContext2D, canvas: OffscreenCanvas, look: any, shown: string}>} */
const canvases = new Map();
/** @type {MessagePort | undefined} */
let levelsPort;
let levels = { input: 0, output: 0 };

/** The level a visualizer follows: the visitor's voice while they have the turn, the model's while it speaks. */
function levelFor(activity) {
  if (activity === 'assistant-speaking') return levels.output;
  if (activity === 'listening' || activity === 'user-speaking') return levels.input;
  return 0;
}

/** Loudness spread by a square root (speech sits around 0.05–0.3 linear), in hundredths: what the bars show. */
const shownLevel = (level) => Math.round(Math.min(1, Math.sqrt(level) * 1.5) * 100) / 100;

function paint(entry) {
  const { context, canvas, look } = entry;
  const level = shownLevel(levelFor(look.activity));
  const key = `${level} ${look.colour} ${look.reduced} ${canvas.width} ${canvas.height}`;
  // An unchanged picture is not drawn again: silence is most of a call.
  if (key === entry.shown) return;
  entry.shown = key;
  const scale = look.scale || 1;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = look.colour;
  const height = canvas.height / scale;
  for (let i = 0; i < K.length; i++) {
    const barScale = look.reduced ? 0.5 : 0.3 + 0.7 * level * K[i];
    const h = height * barScale;
    context.globalAlpha = look.reduced ? 0.35 + 0.65 * level : 1;
    context.beginPath();
    context.roundRect(i * (BAR + GAP), (height - h) / 2, BAR, h, Math.min(RADIUS, h / 2));
    context.fill();
  }
}

function paintAll() {
  for (const entry of canvases.values()) paint(entry);
}

onmessage = ({ data }) => {
  if (data.type === 'canvas') {
    canvases.set(data.id, { canvas: data.canvas, context: data.canvas.getContext('2d'), look: data.look, shown: '' });
    paint(canvases.get(data.id));
  } else if (data.type === 'look') {
    const entry = canvases.get(data.id);
    if (!entry) return;
    entry.look = data.look;
    // The page sizes the canvas in device pixels: a new size clears it, so it is drawn again.
    if (entry.canvas.width !== data.width || entry.canvas.height !== data.height) {
      entry.canvas.width = data.width;
      entry.canvas.height = data.height;
      entry.shown = '';
    }
    paint(entry);
  } else if (data.type === 'drop') {
    canvases.delete(data.id);
  } else if (data.type === 'levels') {
    // A new call's meter: the last one's port is closed (its call is over).
    levelsPort?.close();
    levelsPort = data.port;
    levels = { input: 0, output: 0 };
    levelsPort.onmessage = ({ data: heard }) => {
      levels = heard;
      paintAll();
    };
    paintAll();
  }
};

postMessage({ type: 'ready' });
