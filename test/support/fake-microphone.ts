// Firefox's fake microphone (media.navigator.streams.fake) is a steady 1 kHz tone: it never pauses, so no spoken turn
// could ever end, and unlike Chromium's it cannot play a file. In Firefox, getUserMedia here answers with the same
// spoken WAV Chromium's fake device loops, played by an AudioContext into a MediaStream: the device-level double, the
// one part no real component can provide on a machine without a sound card. Everything after getUserMedia is real.
// Import it before anything that wraps getUserMedia (test/support/resources.ts counts what this returns).

const WAV_URL = '/fake-mic/turns.wav';

if (navigator.userAgent.includes('Firefox')) {
  const context = new AudioContext();
  const buffer = fetch(WAV_URL)
    .then((response) => response.arrayBuffer())
    .then((bytes) => context.decodeAudioData(bytes));
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (!constraints?.audio || constraints.video)
      throw new DOMException('the test microphone gives audio only', 'NotSupportedError');
    await context.resume();
    const source = context.createBufferSource();
    source.buffer = await buffer;
    source.loop = true;
    const destination = context.createMediaStreamDestination();
    source.connect(destination);
    source.start();
    const track = destination.stream.getAudioTracks()[0];
    const stop = track.stop.bind(track);
    // A stopped microphone stops its sound too.
    track.stop = () => {
      source.stop();
      source.disconnect();
      stop();
    };
    return destination.stream;
  };
}
