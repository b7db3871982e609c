// The stand-in's declarations as one file that needs nothing a consumer may lack: what they take from `openai` (a
// devDependency) and the optional peers (`ws`, `werift`, …) becomes `unknown`; only Node's own modules stay imports.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const DIR = 'dist/types/stand-in';
const OUT = 'dist/types/stand-in.d.ts';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const builtin = (spec) => builtinModules.includes(spec.replace(/^node:/, '').split('/')[0]);
const ours = (spec) => spec.startsWith('.') || builtin(spec);
const mayLack = (spec) =>
  !ours(spec) && !Object.keys(pkg.dependencies).some((d) => spec === d || spec.startsWith(`${d}/`));

// Every name each declaration file imports from a package a consumer may lack.
const names = new Map();
for (const file of readdirSync(DIR, { recursive: true }).filter((f) => f.endsWith('.d.ts'))) {
  for (const [, list, spec] of readFileSync(`${DIR}/${file}`, 'utf8').matchAll(
    /^import (?:type )?\{([^}]+)\} from '([^']+)';$/gm,
  )) {
    if (!mayLack(spec)) continue;
    const set = names.get(spec) ?? names.set(spec, new Set()).get(spec);
    for (const name of list.split(',')) set.add(name.replace(/^\s*type\s+/, '').trim());
  }
}

const loose = {
  name: 'loose-optional-types',
  resolveId: (spec) => (names.has(spec) ? `\0loose/${encodeURIComponent(spec)}.d.ts` : null),
  load(id) {
    if (!id.startsWith('\0loose/')) return null;
    const spec = decodeURIComponent(id.slice('\0loose/'.length, -'.d.ts'.length));
    // A value and a type of each name: the declarations use some as types and some with `typeof`.
    return [...names.get(spec)]
      .map((n) => `export declare const ${n}: unknown;\nexport type ${n} = unknown;`)
      .join('\n');
  },
};

const bundle = await rollup({ input: `${DIR}/index.d.ts`, plugins: [loose, dts()], external: builtin });
const { output } = await bundle.generate({ format: 'es' });
const code = `// The types of \`${pkg.name}/stand-in\` (scripts/stand-in-types.mjs bundles them).\n${output[0].code}`;
const lacking = [...code.matchAll(/from '([^']+)'|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]).filter(mayLack);
if (lacking.length) throw new Error(`${OUT} still imports ${[...new Set(lacking)].join(', ')}`);
writeFileSync(OUT, code);
