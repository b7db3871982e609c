// WebKitGTK (Debian's webkit2gtk-driver and its MiniBrowser, under xvfb-run): a smoke suite on the WebSocket transport,
// the only one this engine can use here (Debian builds it without RTCPeerConnection).
import base from './web-test-runner.config.mjs';
import { realClickCommand, webkitLauncher } from './test/support/webkit-launcher.mjs';

const webkit = webkitLauncher({
  args: [
    '--automation',
    // Mock capture devices: a microphone that beeps, so a spoken turn needs no sound card.
    '--enable-media-stream=true',
    '--enable-mock-capture-devices=true',
    '--enable-webaudio=true',
    '--media-playback-requires-user-gesture=false',
  ],
});

export default {
  ...base,
  // Beside the smoke suite: right-to-left layout, which each engine does its own way.
  files: process.env.WEBKIT_FILES
    ? [process.env.WEBKIT_FILES]
    : ['test/webkit/**/*.test.ts', 'test/element/right-to-left.test.ts'],
  browsers: [webkit],
  groups: [],
  plugins: [...base.plugins, realClickCommand()],
  testFramework: { config: { timeout: 60_000 } },
};
