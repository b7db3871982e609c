import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// custom-elements.json is generated (npm run analyze; CI checks it is fresh). These check it is complete: what the
// element's source uses, the manifest documents.
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const declarations = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []);
const element = declarations.find((d: { tagName?: string }) => d.tagName === 'realtime-voice-chat');
const source = (path: string) => readFileSync(path, 'utf8');
const elementSources = [
  'realtime-voice-chat.ts',
  'panel/panel-view.ts',
  'panel/panel-parts.ts',
  'panel/panel-header.ts',
  'panel/visualizer.ts',
  'panel/transcript.ts',
  'chunks/approval-buttons.ts',
  'chunks/microphone-picker.ts',
  'chunks/push-to-talk.ts',
  'chunks/log-pane.ts',
  'chunks/audio-controls.ts',
]
  .map((f) => source(`src/element/${f}`))
  .join('\n');
const names = (list: { name: string }[]) => list.map((x) => x.name).sort();
const union = (file: string, type: string) =>
  [
    ...source(file)
      .match(new RegExp(`export type ${type} = ([^;]+);`))![1]
      .matchAll(/'([\w-]+)'/g),
  ].map((m) => m[1]);

describe('custom-elements.json is complete', () => {
  it('every attribute, public property and method is described', () => {
    const undocumented = [
      ...element.attributes
        .filter((a: { description?: string }) => !a.description)
        .map((a: { name: string }) => `attribute ${a.name}`),
      ...element.members
        .filter(
          (m: { privacy?: string; static?: boolean; description?: string }) =>
            (m.privacy ?? 'public') === 'public' && !m.static && !m.description,
        )
        .map((m: { kind: string; name: string }) => `${m.kind} ${m.name}`),
    ];
    assert.deepEqual(undocumented, []);
    const declared = [...source('src/element/chat-properties.ts').matchAll(/attribute: '([\w-]+)'/g)].map((m) => m[1]);
    for (const attribute of [
      ...declared,
      'model',
      'voice',
      'instructions',
      'prefetch',
      'muted',
      'theme',
      'layout',
      'open',
      'lang',
    ]) {
      assert.ok(
        element.attributes.some((a: { name: string }) => a.name === attribute),
        attribute,
      );
    }
    for (const method of ['start', 'stop', 'sendText', 'send', 'interrupt', 'updateSession']) {
      assert.ok(
        element.members.some((m: { kind: string; name: string }) => m.kind === 'method' && m.name === method),
        method,
      );
    }
  });

  it('every event is listed with its class, and each class carries the detail’s type', () => {
    const fired = [...source('src/element/events.ts').matchAll(/eventName = '(rvc-[\w-]+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(element.events), fired);
    for (const event of element.events) {
      const cls = declarations.find((d: { name: string }) => d.name === event.type?.text);
      assert.ok(cls, `${event.name} names its class`);
      const detail = cls.members.find((m: { name: string }) => m.name === 'detail');
      assert.ok(detail?.type?.text?.length > 3, `${event.name} has a typed detail`);
    }
  });

  it('every part the element renders, every --rvc-* property and every state it sets is documented', () => {
    const parts = new Set(
      [...elementSources.matchAll(/part="([^"$]+)/g)]
        .flatMap((m) => m[1].trim().split(/\s+/))
        .filter((p) => !p.endsWith('-')),
    );
    // `item-${role}` (a divider renders as its own part):
    parts.add('item-user').add('item-assistant').add('item-tool').add('item-system');
    const documentedParts = new Set(names(element.cssParts));
    assert.deepEqual([...parts].filter((p) => !documentedParts.has(p)).sort(), []);

    const properties = new Set(
      [...source('src/element/realtime-voice-chat.styles.ts').matchAll(/var\((--rvc-[\w-]+)/g)].map((m) => m[1]),
    );
    assert.ok(properties.size >= 12, 'the styles read the --rvc-* tokens');
    assert.deepEqual(
      [...properties].filter((p) => !names(element.cssProperties).includes(p)),
      [],
    );

    const states = [
      ...union('src/core/session/session-events.ts', 'SessionState'),
      ...union('src/core/session/activity.ts', 'Activity'),
      'muted',
      'talking',
    ];
    assert.deepEqual(
      states.filter((s) => !names(element.cssStates).includes(s)),
      [],
    );

    const slots = [...elementSources.matchAll(/<slot name="([\w-]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(slots, names(element.slots));
  });
});
