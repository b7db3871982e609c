import { readFileSync } from 'node:fs';

/** The links scripts/test-namespace.sh makes: loopback and one veth pair, nothing that reaches the machine's network. */
const OWN_LINKS = ['lo', 'rvc0', 'rvc1'];

/**
 * The address the stand-in answers on. Loopback, unless the suite runs inside the network namespace the test made
 * (`RVC_TEST_NAMESPACE_ADDRESS`, for Firefox's WebRTC, which offers no loopback candidate): then the namespace is
 * checked to hold only its own links, so no test traffic can reach a real interface.
 */
export function standInHost(): { host: string; insideTestNamespace: boolean } {
  const address = process.env.RVC_TEST_NAMESPACE_ADDRESS;
  if (!address) return { host: '127.0.0.1', insideTestNamespace: false };
  // /proc/self/net follows the process's namespace (a sysfs mounted outside it would list the machine's links).
  const links = [...readFileSync('/proc/self/net/dev', 'utf8').matchAll(/^\s*([\w.-]+):/gm)].map((m) => m[1]).sort();
  if (links.join() !== OWN_LINKS.join())
    throw new Error(
      `RVC_TEST_NAMESPACE_ADDRESS is set outside the test's own network namespace (links: ${links.join(', ')})`,
    );
  return { host: address, insideTestNamespace: true };
}
