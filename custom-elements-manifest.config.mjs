// `npm run analyze`: custom-elements.json from the element's JSDoc (attributes, properties, events, parts, CSS props).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each event class is a `CustomEvent<Detail>`; the analyzer records only the superclass's name. Record `detail` as a
 * field with its type, so the manifest carries every event's detail shape.
 */
function customEventDetail() {
  return {
    name: 'custom-event-detail',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (!declaration || base?.expression.getText() !== 'CustomEvent' || !base.typeArguments?.length) return;
      if (declaration.members?.some((m) => m.name === 'detail')) return;
      const text = base.typeArguments[0].getText().replace(/\s+/g, ' ').replace(/; \}/g, ' }');
      (declaration.members ??= []).push({ kind: 'field', name: 'detail', type: { text }, readonly: true });
      // The DOM's CustomEvent, not a class of this module (the analyzer assumes the latter).
      declaration.superclass = { name: 'CustomEvent', package: 'global:' };
    },
  };
}

/** Every `type Name = 'a' | 'b' | …` in the sources (string literals only), by name: `'a' | 'b' | …`. */
function literalUnions(ts, dir) {
  const unions = new Map();
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isTypeAliasDeclaration(statement) || !ts.isUnionTypeNode(statement.type)) continue;
      const literals = statement.type.types.map((t) =>
        ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined,
      );
      if (literals.every((l) => l !== undefined))
        unions.set(statement.name.text, literals.map((l) => `'${l}'`).join(' | '));
    }
  }
  return unions;
}

/**
 * The element's attributes and fields typed with an alias of string literals (`TurnDetectionMode`) get the literals
 * themselves: the manifest's readers (editors' value lists, framework typings, docs) cannot resolve our aliases.
 */
function expandLiteralUnions() {
  let unions = new Map();
  return {
    name: 'expand-literal-unions',
    initialize({ ts }) {
      unions = literalUnions(ts, 'src');
    },
    packageLinkPhase({ customElementsManifest }) {
      const expand = (type) => {
        if (type?.text) type.text = type.text.replace(/\b[A-Z]\w*\b/g, (name) => unions.get(name) ?? name);
      };
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (!declaration.attributes) continue;
        for (const attribute of declaration.attributes) expand(attribute.type);
        for (const member of declaration.members ?? []) if (member.kind === 'field') expand(member.type);
      }
    },
  };
}

/** Defaults that name a constant of core/shared.ts (`DEFAULT_BASE_URL`) show its value, as a reader needs it. */
function sharedConstants() {
  const values = new Map(
    [...readFileSync('src/core/shared.ts', 'utf8').matchAll(/^export const (\w+) = (.+);$/gm)].map((m) => [m[1], m[2]]),
  );
  return {
    name: 'shared-constants',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? []))
        for (const entry of [...(declaration.attributes ?? []), ...(declaration.members ?? [])])
          if (values.has(entry.default)) entry.default = values.get(entry.default);
    },
  };
}

export default {
  globs: [
    'src/element/realtime-voice-chat.ts',
    'src/element/chat-api.ts',
    'src/element/chat-properties.ts',
    'src/element/events.ts',
    'src/define.ts',
    'src/index.ts',
  ],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [customEventDetail(), expandLiteralUnions(), sharedConstants()],
};
