// Keeps custom-elements.json stable and readable: the public contract only (private `#` members are the element's
// own business and would churn with every refactor), two-space JSON, trailing newline (freshness is a byte compare).
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? 'custom-elements.json';
const manifest = JSON.parse(readFileSync(path, 'utf8'));
for (const declaration of manifest.modules.flatMap((m) => m.declarations ?? [])) {
  if (declaration.members)
    declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
}
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
