// Fails when custom-elements.json is not what `npm run analyze` generates from the current JSDoc (the file is left as committed).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const committed = readFileSync('custom-elements.json', 'utf8');
try {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'ignore' });
  execFileSync('node', ['scripts/format-manifest.mjs']);
  const fresh = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit it.');
    process.exitCode = 1;
  } else console.log('custom-elements.json matches the JSDoc.');
} finally {
  writeFileSync('custom-elements.json', committed);
}
