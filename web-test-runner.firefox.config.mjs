// Firefox ESR (Debian's firefox-esr, no download) over WebDriver BiDi through puppeteer-core: the embedding suite, the
// WebSocket transport suite and the voice turns on both transports. scripts/test.mjs runs it inside a network
// namespace of its own (scripts/test-namespace.sh): Firefox offers WebRTC candidates only on a routed, non-loopback
// interface, and there the stand-in answers on the namespace's veth address.
import { chromeLauncher } from '@web/test-runner-chrome';
import base from './web-test-runner.config.mjs';

function firefox() {
  return chromeLauncher({
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      extraPrefsFirefox: {
        // Permission prompts answered "Allow"; fake devices (the voice-turn tests speak through test/support/fake-microphone.ts).
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        // No sound card on the test machine: without the mock audio backend an AudioContext never leaves `suspended`.
        'media.cubeb.force_mock_context': true,
        'media.autoplay.default': 0,
        'media.autoplay.block-webaudio': false,
        // Host candidates as addresses, not mDNS names (the stand-in resolves no .local names).
        'media.peerconnection.ice.obfuscate_host_addresses': false,
        // Nothing reaches out on its own.
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
      },
    },
  });
}

export default {
  ...base,
  files: [
    'test/e2e/embed.test.ts',
    'test/e2e/websocket.test.ts',
    'test/e2e/voice-turns.test.ts',
    'test/element/right-to-left.test.ts',
  ],
  browsers: [firefox()],
  groups: [],
  testFramework: { config: { timeout: 60_000 } },
};
