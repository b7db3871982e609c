// `npm run analyze`: custom-elements.json from the element's JSDoc (attributes, properties, events, parts, CSS props).
export default {
  globs: ['src/element/realtime-voice-chat.ts', 'src/element/events.ts', 'src/define.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
