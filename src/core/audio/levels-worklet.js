// The level meter's audio worklet, loaded with audioWorklet.addModule() from a file beside the script (same origin, so
// a strict Content-Security-Policy allows it). Plain JavaScript on purpose: it runs in the audio thread's own scope.
// Input 0 is the microphone being sent, input 1 the model's voice being played; the loudness of each is measured here,
// on the audio thread, and posted to whoever listens (the page, and the visualizer's worker through its own port).

// Levels are posted about every 50 ms (as often as the meters move), and not at all while both stay silent.
const WINDOW_SECONDS = 0.05;
// The model's voice counts as heard once a quantum's level passes this (≈ −40 dBFS): its time is told to the page.
const HEARD_LEVEL = 0.01;

/** Root mean square of the first channel of an input (0 when the input has nothing connected). */
function squares(input) {
  const channel = input && input[0];
  if (!channel) return 0;
  let sum = 0;
  for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
  return sum;
}

class Levels extends AudioWorkletProcessor {
  constructor() {
    super();
    this.quanta = Math.max(1, Math.round((WINDOW_SECONDS * sampleRate) / 128));
    this.count = 0;
    this.frames = 0;
    this.input = 0;
    this.output = 0;
    this.voiceAt = undefined;
    this.silent = false;
    this.closed = false;
    // Other listeners (the visualizer's worker) hand over a port of their own; `close` ends the processor.
    this.ports = [this.port];
    this.port.onmessage = ({ data }) => {
      if (data.port) this.ports.push(data.port);
      if (data.close) this.closed = true;
    };
  }

  process(inputs) {
    if (this.closed) return false;
    const frames = (inputs[0] && inputs[0][0] && inputs[0][0].length) || 128;
    this.input += squares(inputs[0]);
    const voice = squares(inputs[1]);
    this.output += voice;
    this.frames += frames;
    if (this.voiceAt === undefined && Math.sqrt(voice / frames) > HEARD_LEVEL) this.voiceAt = currentTime;
    if (++this.count < this.quanta) return true;
    const input = Math.min(1, Math.sqrt(this.input / this.frames));
    const output = Math.min(1, Math.sqrt(this.output / this.frames));
    const silent = input < 1e-4 && output < 1e-4;
    // One message says silence began; none follow while it lasts.
    if (!(silent && this.silent)) {
      const levels = {
        input: silent ? 0 : input,
        output: silent ? 0 : output,
        time: currentTime,
        voiceAt: this.voiceAt,
      };
      for (const port of this.ports) port.postMessage(levels);
    }
    this.silent = silent;
    this.count = this.frames = this.input = this.output = 0;
    this.voiceAt = undefined;
    return true;
  }
}

registerProcessor('rvc-levels', Levels);
