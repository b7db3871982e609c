// `npm run analyze`: custom-elements.json from the element's JSDoc (attributes, properties, events, parts, CSS props).

/**
 * The analyzer skips TypeScript parameter properties (`constructor(readonly detail: …)`): record each event's
 * `detail` as a field with its type, so the manifest carries every event's detail shape.
 */
function parameterProperties() {
  return {
    name: 'parameter-properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      const constructor = node.members.find((member) => ts.isConstructorDeclaration(member));
      if (!declaration || !constructor) return;
      for (const parameter of constructor.parameters) {
        const isProperty = ts.getModifiers(parameter)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword || m.kind === ts.SyntaxKind.PublicKeyword);
        if (!isProperty || declaration.members?.some((m) => m.name === parameter.name.getText())) continue;
        (declaration.members ??= []).push({
          kind: 'field',
          name: parameter.name.getText(),
          type: { text: parameter.type?.getText().replace(/\s+/g, ' ') ?? 'unknown' },
          readonly: true,
        });
      }
    },
  };
}

export default {
  globs: ['src/element/realtime-voice-chat.ts', 'src/element/chat-properties.ts', 'src/element/events.ts', 'src/define.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [parameterProperties()],
};
