// `npm run wordpress`: the WordPress plugin with the element's one-file build inside, its translations compiled, and
// the installable zip: dist/wordpress/realtime-voice-chat/ and dist/realtime-voice-chat.zip.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { po, mo } from 'gettext-parser';

const SLUG = 'realtime-voice-chat';
const source = resolve('wordpress', SLUG);
const out = resolve('dist/wordpress', SLUG);
const zipFile = resolve(`dist/${SLUG}.zip`);

/** Every file under a folder, relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path)];
  });
}

/** `.mo` for PHP, and for each script with strings a JED JSON file named as WordPress looks it up (md5 of its path). */
function compileTranslations(dir: string): void {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.po'))) {
    const parsed = po.parse(readFileSync(join(dir, name)));
    writeFileSync(join(dir, name.replace(/\.po$/, '.mo')), mo.compile(parsed));
    const locale = name.slice(`${SLUG}-`.length, -'.po'.length);
    const scripts = new Map<string, Record<string, string[]>>();
    for (const [context, entries] of Object.entries(parsed.translations)) {
      for (const entry of Object.values(entries)) {
        for (const file of (entry.comments?.reference ?? '').split(/\s+/).filter((f) => f.endsWith('.js'))) {
          const messages = scripts.get(file) ?? {};
          messages[context ? `${context}\u0004${entry.msgid}` : entry.msgid] = entry.msgstr;
          scripts.set(file, messages);
        }
      }
    }
    for (const [file, messages] of scripts) {
      const header = {
        domain: 'messages',
        lang: locale,
        plural_forms: parsed.headers['Plural-Forms'] ?? 'nplurals=1; plural=0;',
      };
      const jed = { domain: 'messages', locale_data: { messages: { '': header, ...messages } } };
      writeFileSync(
        join(dir, `${SLUG}-${locale}-${createHash('md5').update(file).digest('hex')}.json`),
        JSON.stringify(jed),
      );
    }
  }
}

// The element as a page's <script type="module"> loads it, with its lazy chunks beside it.
const assets = join(out, 'assets');
rmSync(out, { recursive: true, force: true });
cpSync(source, out, { recursive: true });
execFileSync(
  'npx',
  ['vite', 'build', '--config', 'vite.standalone.config.ts', '--outDir', assets, '--emptyOutDir', '--logLevel', 'warn'],
  { stdio: 'inherit' },
);
compileTranslations(join(out, 'languages'));

const files = Object.fromEntries(
  filesUnder(out)
    .sort()
    .map((file) => [`${SLUG}/${file}`, new Uint8Array(readFileSync(join(out, file)))]),
);
mkdirSync(resolve('dist'), { recursive: true });
writeFileSync(zipFile, zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
console.log(`${relative('.', zipFile)}: ${Object.keys(files).length} files, ${statSync(zipFile).size} bytes`);
