import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { po } from 'gettext-parser';

const PLUGIN = 'wordpress/realtime-voice-chat';
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
  );
// WordPress's translation functions with the plugin's text domain, in PHP and in the block's script.
const CALL =
  /\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'realtime-voice-chat'/g;

describe('the WordPress plugin’s Japanese translation', () => {
  const translations = po.parse(readFileSync(`${PLUGIN}/languages/realtime-voice-chat-ja.po`)).translations;

  it('translates every string the plugin shows, in PHP and in the block editor', () => {
    const missing: string[] = [];
    for (const file of files(PLUGIN).filter((f) => /\.(php|js)$/.test(f))) {
      for (const [, text] of readFileSync(file, 'utf8').matchAll(CALL)) {
        const msgid = text.replace(/\\'/g, "'");
        if (!translations['']?.[msgid]?.msgstr[0]) missing.push(`${relative(PLUGIN, file)}: ${msgid}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('translates the block’s title and description, with the contexts WordPress looks them up by', () => {
    const block = JSON.parse(readFileSync(`${PLUGIN}/block/block.json`, 'utf8')) as {
      title: string;
      description: string;
      keywords: string[];
    };
    assert.ok(translations['block title']?.[block.title]?.msgstr[0]);
    assert.ok(translations['block description']?.[block.description]?.msgstr[0]);
    for (const keyword of block.keywords) assert.ok(translations['block keyword']?.[keyword]?.msgstr[0], keyword);
  });

  it('keeps the placeholders of every formatted string', () => {
    for (const entry of Object.values(translations[''])) {
      const placeholders = (s: string) => (s.match(/%(?:\d+\$)?[sd]/g) ?? []).sort().join();
      if (entry.msgid) assert.equal(placeholders(entry.msgstr[0]), placeholders(entry.msgid), entry.msgid);
    }
  });
});
