// Keeps custom-elements.json stable and readable: two-space JSON, trailing newline (so freshness is a byte compare).
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? 'custom-elements.json';
writeFileSync(path, `${JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 2)}\n`);
