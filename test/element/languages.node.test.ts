import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { addEnglishErrors, LANGUAGES } from '../../src/element/i18n/strings.js';
import englishErrors from '../../src/element/i18n/errors-en.js';
import { LOADERS, offeredLanguage } from '../../src/element/i18n/languages.js';
import type { UiStrings } from '../../src/element/i18n/ui-strings.js';

type Glossary = { terms: Record<string, { used_in: string[]; note: string } & Record<string, string>> };
const glossary = JSON.parse(
  readFileSync(new URL('../../src/element/i18n/glossary.json', import.meta.url), 'utf8'),
) as Glossary;
// Values that are the same word in English, each with its reason (a loanword, a name).
const sameAsEnglish = JSON.parse(readFileSync(new URL('./same-as-english.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, string>
>;
// Words a translation keeps as they are: names of technologies, and markup a site owner would look for.
const KEPT = ['WebRTC', 'WebSocket', 'UDP', 'https', 'JSON', 'allow="microphone"'];

const flat = (strings: UiStrings): Map<string, string> =>
  new Map(
    Object.entries(strings).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[key, value] as const]
        : Object.entries(value as Record<string, string>).map(([k, v]) => [`${key}.${k}`, v] as const),
    ),
  );
// English as a visitor with a session sees it: its session errors come with the session code.
addEnglishErrors(englishErrors);
const english = flat(LANGUAGES.en);

describe('UI languages: every string in each, none left in English, the key terms alike', () => {
  for (const [code, load] of Object.entries(LOADERS))
    it(`${code}: all ${english.size} strings, translated, technical words kept, the glossary's terms used`, async () => {
      const strings = flat((await load()).default);
      assert.deepEqual([...strings.keys()].sort(), [...english.keys()].sort(), 'the same keys as English');
      const allowed = sameAsEnglish[code] ?? {};
      for (const [key, value] of strings) {
        const source = english.get(key)!;
        assert.ok(value.trim(), `${key} is empty`);
        if (!(key in allowed)) assert.notEqual(value, source, `${key} is still English`);
        for (const word of KEPT) if (source.includes(word)) assert.ok(value.includes(word), `${key} keeps ${word}`);
      }
      for (const [term, entry] of Object.entries(glossary.terms)) {
        const form = entry[code];
        assert.ok(form, `the glossary has "${term}" in ${code}`);
        for (const key of entry.used_in)
          assert.ok(strings.get(key)!.toLowerCase().includes(form.toLowerCase()), `${key} says "${form}" (${term})`);
      }
    });

  it('a tag finds its language: region first, then the language, Chinese by script, else none', () => {
    const cases: [string[], string | undefined][] = [
      [['pt-BR'], 'pt-br'],
      [['pt-PT'], 'pt'],
      [['pt'], 'pt'],
      [['zh-TW'], 'zh-hant'],
      [['zh-Hant-HK'], 'zh-hant'],
      [['zh-CN'], 'zh-hans'],
      [['zh'], 'zh-hans'],
      [['es-419'], 'es'],
      [['he-IL'], 'he'],
      [['sw', 'fr-CA', 'de'], 'fr'],
      [['en-GB', 'ja'], 'en'],
      [['sw'], undefined],
    ];
    for (const [tags, code] of cases) assert.equal(offeredLanguage(tags), code, tags.join());
  });
});
