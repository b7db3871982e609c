// `npm run docs`: docs/api.md, the element's API reference, from custom-elements.json. `--check` fails when the file
// is not what this writes (npm test runs it), so the reference never drifts from the JSDoc.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readElement } from './manifest-element.mjs';

const OUT = 'docs/api.md';
const { element, detailOf, properties, readonlyProperties, methods } = readElement();

const cell = (text = '') => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${cell(text)}\`` : '');
const table = (head, rows) =>
  rows.length
    ? [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${r.join(' | ')} |`),
      ].join('\n')
    : '_None._';
const fieldOf = (attribute) => element.members.find((m) => m.name === attribute.fieldName);
const parameter = (p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`;
const signature = (m) =>
  `${m.name}(${(m.parameters ?? []).map(parameter).join(', ')}): ${m.return?.type?.text ?? 'void'}`;

const sections = [
  `# \`<${element.tagName}>\` API reference`,
  'Generated from `custom-elements.json` by `npm run docs` (scripts/docs.mjs): edit the JSDoc in `src/element/`.',
  element.description,
  '## Attributes',
  'Each has a property of the camel-cased name (`token-endpoint` / `tokenEndpoint`) unless it says otherwise.',
  table(
    ['attribute', 'property', 'type', 'default', 'description'],
    element.attributes.map((a) => [
      code(a.name),
      code(a.fieldName),
      code(a.type?.text ?? 'string'),
      code(fieldOf(a)?.default ?? a.default),
      cell(a.description),
    ]),
  ),
  '## Properties',
  'Set from script (no attribute).',
  table(
    ['property', 'type', 'description'],
    properties.map((p) => [code(p.name), code(p.type?.text), cell(p.description)]),
  ),
  '## Read-only properties',
  table(
    ['property', 'type', 'description'],
    readonlyProperties.map((p) => [code(p.name), code(p.type?.text), cell(p.description)]),
  ),
  '## Methods',
  table(
    ['method', 'description'],
    methods.map((m) => [code(signature(m)), cell(m.description)]),
  ),
  '## Events',
  'Each is a `CustomEvent` subclass the package exports, `bubbles` and `composed`, in `GlobalEventHandlersEventMap`.',
  table(
    ['event', 'class', 'detail', 'description'],
    element.events.map((e) => [code(e.name), code(e.type?.text), code(detailOf(e)), cell(e.description)]),
  ),
  '## Slots',
  table(
    ['slot', 'description'],
    (element.slots ?? []).map((s) => [code(s.name), cell(s.description)]),
  ),
  '## CSS parts',
  'Style them with `::part(name)`.',
  table(
    ['part', 'description'],
    (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
  ),
  '## CSS custom properties',
  table(
    ['property', 'default', 'description'],
    (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
  ),
  '## CSS states',
  'Match them with `:state(name)`.',
  table(
    ['state', 'description'],
    (element.cssStates ?? []).map((s) => [code(s.name), cell(s.description)]),
  ),
];
const markdown = `${sections.join('\n\n')}\n`;

if (process.argv.includes('--check')) {
  if (!existsSync(OUT) || readFileSync(OUT, 'utf8') !== markdown) {
    console.error(`${OUT} is stale: run \`npm run docs\` and commit it.`);
    process.exitCode = 1;
  } else console.log(`${OUT} matches custom-elements.json.`);
} else writeFileSync(OUT, markdown);
