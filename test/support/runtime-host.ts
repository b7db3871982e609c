import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { freePort } from './free-port.js';

/** What an example server is told: the stand-in as its upstream, its key, and the origins it lets through. */
export interface HostEnv {
  [name: string]: string;
  OPENAI_API_KEY: string;
  OPENAI_BASE_URL: string;
  ALLOW_ORIGINS: string;
}

/** A runtime serving an example on loopback, started as its own process. */
export interface RuntimeHost {
  origin: string;
  /** The runtime's peak resident memory so far, in bytes (Linux's VmHWM of its process). */
  peakMemory: () => number;
  /** Everything the process printed, to show when a test fails. */
  output: () => string;
  stop(): Promise<void>;
}

const bin = (name: string) => resolve('node_modules/.bin', name);

/**
 * Bundles an example as its users' bundlers would (wrangler, `deno bundle`, `bun build`): one ES module, the package's
 * server entry taken from this checkout's sources, no Node built-ins.
 */
async function bundle(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, 'server.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    alias: { 'realtime-voice-chat-element/server': resolve('src/server/index.ts') },
    logLevel: 'error',
  });
  return outfile;
}

/** Durable Object classes a Worker exports, each bound under a name (`{ LIMITS: 'LimitCounter' }`), kept in memory. */
export type DurableObjects = Record<string, string>;

/**
 * A workerd config serving the Worker on `port`, with the env as text bindings, its Durable Objects (in memory), and
 * only loopback reachable.
 */
const workerdConfig = (port: number, env: HostEnv, objects: DurableObjects = {}) => {
  const bindings = [
    ...Object.entries(env).map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`),
    ...Object.entries(objects).map(
      ([name, className]) => `(name = ${JSON.stringify(name)}, durableObjectNamespace = ${JSON.stringify(className)})`,
    ),
  ];
  const namespaces = Object.values(objects).map(
    (className) => `(className = ${JSON.stringify(className)}, uniqueKey = ${JSON.stringify(`rvc-${className}`)})`,
  );
  const storage = namespaces.length
    ? `durableObjectNamespaces = [${namespaces.join(', ')}], durableObjectStorage = (inMemory = void),`
    : '';
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (
      modules = [(name = "server.mjs", esModule = embed "server.mjs")],
      compatibilityDate = "2026-11-01",
      bindings = [${bindings.join(', ')}],
      ${storage}
      globalOutbound = "loopback",
    )),
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`;
};

const peakMemory = (pid: number) =>
  1024 * Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? NaN);

export type Runtime = 'workerd' | 'deno' | 'bun' | 'next';

/**
 * Copies the Next.js example into the checkout (Turbopack resolves only inside its root) and builds it with
 * `next build`, the package taken from this checkout's build: the files its users install.
 */
function buildNext(entry: string): string {
  if (!existsSync('dist/server.js')) spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const dir = resolve('.cache/nextjs-example');
  rmSync(dir, { recursive: true, force: true });
  cpSync(resolve(entry), dir, { recursive: true, filter: (from) => !/next\.config\.ts$|\.next$/.test(from) });
  const alias = {
    'realtime-voice-chat-element/server': '../../dist/server.js',
    'realtime-voice-chat-element': '../../dist/index.js',
  };
  writeFileSync(
    join(dir, 'next.config.mjs'),
    `export default ${JSON.stringify({ turbopack: { root: resolve('.'), resolveAlias: alias }, typescript: { ignoreBuildErrors: true } })};\n`,
  );
  const built = spawnSync(bin('next'), ['build'], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`next build failed:\n${built.stdout}\n${built.stderr}`);
  return dir;
}

function launch(runtime: Runtime, dir: string, file: string, port: number, env: HostEnv): ChildProcess {
  const base = { PATH: process.env.PATH ?? '', HOME: dir, HOST: '127.0.0.1', PORT: String(port) };
  if (runtime === 'next')
    return spawn(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: file,
      env: { ...base, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  if (runtime === 'workerd')
    return spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { cwd: dir, env: base });
  if (runtime === 'deno')
    return spawn(bin('deno'), ['run', '--allow-net=127.0.0.1', '--allow-env', '--no-prompt', file], {
      cwd: dir,
      env: { ...base, ...env, DENO_DIR: join(dir, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
  return spawn(bin('bun'), ['run', file], {
    cwd: dir,
    env: { ...base, ...env, BUN_INSTALL_CACHE_DIR: join(dir, 'bun'), DO_NOT_TRACK: '1' },
  });
}

/** Bundles `entry`, starts it on `runtime`, and resolves once it answers on its port. */
export async function startRuntime(
  runtime: Runtime,
  entry: string,
  env: HostEnv,
  objects?: DurableObjects,
): Promise<RuntimeHost> {
  const dir = await mkdtemp(join(tmpdir(), `rvc-${runtime}-`));
  const file = runtime === 'next' ? buildNext(entry) : await bundle(resolve(entry), dir);
  const port = await freePort();
  if (runtime === 'workerd') await writeFile(join(dir, 'config.capnp'), workerdConfig(port, env, objects));
  const child = launch(runtime, dir, file, port, env);
  let printed = '';
  child.stdout?.on('data', (chunk) => (printed += chunk));
  child.stderr?.on('data', (chunk) => (printed += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (up) return { origin, peakMemory: () => peakMemory(child.pid!), output: () => printed, stop };
    if (Date.now() - started > 30_000) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`${runtime} did not serve ${entry}:\n${printed}`);
}
