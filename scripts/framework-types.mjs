// Typed templates from custom-elements.json, at build time: `<realtime-voice-chat>` for React 19's JSX, Vue 3's
// GlobalComponents and Svelte 5's elements, in dist/types/frameworks/, each beside a dist/{react,vue,svelte}.js that
// registers the element as the main entry does. Our own generator: the cem-tools ones type a handler's argument as
// `CustomEvent<EventClass>` (the manifest's event type is the event's class), so `e.detail.state` would not type.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readElement } from './manifest-element.mjs';

const OUT = 'dist/types/frameworks';
const { element, properties } = readElement();
const cls = element.name;
const events = element.events.map((e) => ({ ...e, type: e.type.text }));

const doc = (text, indent = '  ') =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '';
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

// An attribute's value as a template writes it: primitives and string literals only (numbers may come as text).
const PRIMITIVES = /^('[^']*'|string|number|boolean)( \| ('[^']*'|string|number|boolean))*$/;
function attributeType(attribute) {
  const text = (attribute.type?.text ?? 'string').replace(/ \| undefined/g, '');
  if (!PRIMITIVES.test(text))
    throw new Error(`attribute ${attribute.name} has a type a template cannot write: ${text}`);
  return text.replace(/\bnumber\b/, 'number | `${number}`');
}

const members = (list) => list.map(([description, key, type]) => `${doc(description)}  ${key}?: ${type};`).join('\n');
const attributes = element.attributes.map((a) => [a.description, `'${a.name}'`, attributeType(a)]);
const props = properties.map((p) => [p.description, p.name, `${cls}['${p.name}']`]);
const handlers = events.map((e) => [e.description, `'on${e.name}'`, `(event: ${e.type}) => void`]);
const header = (what) => `// Generated from custom-elements.json by scripts/framework-types.mjs: ${what}.\n`;
const ours = `import type { ${[cls, ...new Set(events.map((e) => e.type))].join(', ')} } from '../index.js';\n`;

const shared = `${header(`<${element.tagName}>'s attributes, properties and events, for the framework typings`)}${ours}
/** The attributes of \`<${element.tagName}>\`, as a template writes them. */
export interface ${cls}Attributes {
${members(attributes)}
}

/** The properties a template may bind that have no attribute. */
export interface ${cls}Properties {
${members(props)}
}

/** A listener for each event, as an \`on<event>\` attribute (React 19, Svelte 5). */
export interface ${cls}EventHandlers {
${members(handlers)}
}

/** Each event's class, by name. */
export interface ${cls}Events {
${events.map((e) => `  '${e.name}': ${e.type};`).join('\n')}
}
`;

const names = `${cls}Attributes, ${cls}EventHandlers, ${cls}Properties`;
const react = `${header(`<${element.tagName}> in React 19's JSX`)}\
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${cls} } from '../index.js';
import type { ${names} } from './attributes.js';
export * from '../index.js';
export type * from './attributes.js';

/** \`<${element.tagName}>\`'s props: React's own for any element, then ours. */
export type ${cls}Props = DetailedHTMLProps<HTMLAttributes<${cls}>, ${cls}> & ${names.replace(/, /g, ' & ')};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      '${element.tagName}': ${cls}Props;
    }
  }
}

// For JSX set-ups that read the global namespace (the classic runtime with older typings).
declare global {
  namespace JSX {
    interface IntrinsicElements {
      '${element.tagName}': ${cls}Props;
    }
  }
}
`;

// Vue's documented shape for a custom element in GlobalComponents: template props (with `ref`, `key`, `class`) in
// `$props`, events in `$emit`.
const vue = `${header(`<${element.tagName}> in Vue 3's templates (GlobalComponents)`)}\
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ${cls} } from '../index.js';
import type { ${cls}Events, ${cls}Properties } from './attributes.js';
export * from '../index.js';
export type * from './attributes.js';

/** The attributes, as vue-tsc reads a template: \`token-endpoint\` is checked as \`tokenEndpoint\`. */
export interface ${cls}VueAttributes {
${members(attributes.map(([description, key, type]) => [description, camel(key.slice(1, -1)), type]))}
}

/** \`<${element.tagName}>\` as vue-tsc sees it: the element, its template props, and its events for \`@rvc-…\`. */
export type ${cls}Component = new () => ${cls} & {
  /** @deprecated For template type checks only: not a property of the element. */
  $props: HTMLAttributes & PublicProps & ${cls}VueAttributes & ${cls}Properties;
  /** @deprecated For template type checks only: not a property of the element. */
  $emit: EmitFn<{ [K in keyof ${cls}Events]: (event: ${cls}Events[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    '${element.tagName}': ${cls}Component;
  }
}
`;

const svelte = `${header(`<${element.tagName}> in Svelte 5's templates`)}\
import type { HTMLAttributes } from 'svelte/elements';
import type { ${cls} } from '../index.js';
import type { ${names} } from './attributes.js';
export * from '../index.js';
export type * from './attributes.js';

/** \`<${element.tagName}>\`'s attributes: Svelte's own for any element, then ours. */
export type ${cls}SvelteAttributes = HTMLAttributes<${cls}> & ${names.replace(/, /g, ' & ')};

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    '${element.tagName}': ${cls}SvelteAttributes;
  }
}

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      '${element.tagName}': ${cls}SvelteAttributes;
    }
  }
}
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/attributes.d.ts`, shared);
for (const [name, types] of Object.entries({ react, vue, svelte })) {
  writeFileSync(`${OUT}/${name}.d.ts`, types);
  writeFileSync(
    `dist/${name}.js`,
    `${header(`the element, registered, with ${name}'s typings beside it`)}export * from './index.js';\n`,
  );
}
