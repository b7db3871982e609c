// The element as custom-elements.json describes it, for the scripts that generate typings and docs from it.
import { readFileSync } from 'node:fs';

export function readElement(path = 'custom-elements.json') {
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const element = declarations.find((d) => d.customElement && d.tagName);
  if (!element) throw new Error(`${path} declares no custom element`);
  const isPublic = (m) => (m.privacy ?? 'public') === 'public' && !m.static && !m.name.startsWith('#');
  return {
    element,
    /** The `detail` type the event's class declares (the analyzer plugin records it). */
    detailOf: (event) =>
      declarations.find((d) => d.name === event.type?.text)?.members?.find((m) => m.name === 'detail')?.type?.text,
    /** Public fields with no attribute that a page may set (`tools`, `getToken`, …). */
    properties: element.members.filter((m) => m.kind === 'field' && isPublic(m) && !m.attribute && !m.readonly),
    /** Public fields the element only reports (`state`, `conversation`, …). */
    readonlyProperties: element.members.filter((m) => m.kind === 'field' && isPublic(m) && m.readonly),
    methods: element.members.filter((m) => m.kind === 'method' && isPublic(m) && m.description),
  };
}
