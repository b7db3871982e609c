import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlocks, parseInline, safeHref, type Inline } from '../../src/element/chunks/rich-text/markdown.js';

// A compact reading of parsed inline nodes: **strong**, _em_, `code`, [words](href).
const show = (nodes: Inline[]): string =>
  nodes
    .map((n) =>
      n.kind === 'text'
        ? n.text
        : n.kind === 'code'
          ? `\`${n.text}\``
          : n.kind === 'link'
            ? `[${show(n.children)}](${n.href})`
            : n.kind === 'strong'
              ? `<b>${show(n.children)}</b>`
              : `<i>${show(n.children)}</i>`,
    )
    .join('');
const inline = (text: string, streaming = false) => show(parseInline(text, 0, streaming).nodes);
const textOf = (nodes: Inline[]): string =>
  nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : textOf(n.children))).join('');
const links = (nodes: Inline[]): string[] =>
  nodes.flatMap((n) => (n.kind === 'link' ? [n.href, ...links(n.children)] : 'children' in n ? links(n.children) : []));

describe('Markdown subset: what an assistant message may style', () => {
  it('bold, italic, inline code and links', () => {
    assert.equal(
      inline('A **bold** and *italic* and _also_ word with `a * b` and [docs](https://example.com/a?b=1).'),
      'A <b>bold</b> and <i>italic</i> and <i>also</i> word with `a * b` and [docs](https://example.com/a?b=1).',
    );
    assert.equal(inline('**bold _inside_ bold**'), '<b>bold <i>inside</i> bold</b>');
    assert.equal(inline('mail [us](mailto:help@example.com)'), 'mail [us](mailto:help@example.com)');
  });

  it('bare web addresses become links, without the sentence’s closing punctuation', () => {
    assert.equal(
      inline('See https://example.com/x. Then (https://example.org/y).'),
      'See [https://example.com/x](https://example.com/x). Then ([https://example.org/y](https://example.org/y)).',
    );
  });

  it('snake_case, spaced asterisks and arithmetic stay plain', () => {
    assert.equal(inline('call get_user_name and 2 * 3 * 4'), 'call get_user_name and 2 * 3 * 4');
  });

  it('paragraphs, bullet lists and numbered lists, lines kept', () => {
    const blocks = parseBlocks('Hello\nthere\n\n- one\n- two\n  more\n\n3. third\n4. fourth\nafter');
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'p' ? ['p', b.source] : [b.kind, b.start, ...b.items])),
      [
        ['p', 'Hello\nthere'],
        ['ul', 1, 'one', 'two\nmore'],
        ['ol', 3, 'third', 'fourth\nafter'],
      ],
    );
  });
});

describe('Markdown subset: hostile text is inert', () => {
  it('only http(s) and mailto addresses become links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/',
      'file:///etc/passwd',
      'https:alert(1)',
    ])
      assert.equal(safeHref(href), undefined, href);
    const nodes = parseInline(
      '[click](javascript:alert(1)) [x](data:text/html,hi) <a href="javascript:alert(1)">y</a> <script>alert(1)</script>',
    ).nodes;
    assert.deepEqual(links(nodes), []);
    // An address with a parenthesis is no link at all; a refused address keeps only its words.
    assert.equal(
      show(nodes),
      '[click](javascript:alert(1)) x <a href="javascript:alert(1)">y</a> <script>alert(1)</script>',
    );
  });

  it('an address with a user name or password is no link: it reads as one host and goes to another', () => {
    for (const href of ['https://apple.com@evil.example', 'https://apple.com:x@evil.example/a', 'http://u@evil.co'])
      assert.equal(safeHref(href), undefined, href);
    const text = 'see https://apple.com@evil.example/login or [apple.com](https://apple.com:pw@evil.example/)';
    assert.deepEqual(links(parseInline(text).nodes), []);
    assert.equal(safeHref('mailto:help@example.com'), 'mailto:help@example.com');
    assert.equal(inline('https://example.com/@user'), '[https://example.com/@user](https://example.com/@user)');
  });

  it('an address is looked for once per run of characters: one that does not parse hides any glued to it', () => {
    const text = '.http://%.http://ok.example/ https://ok.example/';
    assert.equal(inline(text), '.http://%.http://ok.example/ [https://ok.example/](https://ok.example/)');
  });

  it('nested brackets: no link inside a link, unclosed brackets stay text', () => {
    assert.equal(inline('[[[[a](https://a.example/)]]]'), '[[[[a](https://a.example/)]]]');
    // The inner link wins; the outer brackets are text (its address is then a bare one, and a link of its own).
    assert.equal(
      inline('[outer [inner](https://i.example/)](https://o.example/)'),
      '[outer [inner](https://i.example/)]([https://o.example/](https://o.example/))',
    );
  });

  it('10,000 asterisks, underscores, backticks and brackets parse in one pass (a quadratic parser would not finish)', () => {
    const corpus = [
      '*'.repeat(10_000),
      '* '.repeat(10_000),
      '_a'.repeat(10_000),
      '`'.repeat(10_000),
      '['.repeat(10_000),
      '](x'.repeat(10_000),
      '**a'.repeat(10_000),
      'https://'.repeat(10_000),
      '[a](https://x.example/'.repeat(5_000),
    ];
    for (const text of corpus) {
      const repeated = text.repeat(10);
      const { nodes } = parseInline(repeated);
      // Whatever it made of it, no character but the markup is lost or invented.
      const words = (s: string) => s.replace(/[*_`[\]()]/g, '');
      assert.equal(words(textOf(nodes)), words(repeated), text.slice(0, 10));
    }
  });
});

describe('Markdown subset: streaming never shows the wrong style', () => {
  it('a growing text passes only through plain text and the right style', () => {
    const final = 'Say **bold** then *it* and `code` and [a link](https://example.com/).';
    const done = inline(final);
    for (let n = 1; n <= final.length; n++) {
      const shown = inline(final.slice(0, n), true);
      // Every styled piece seen mid-stream is one the finished text has.
      for (const styled of shown.match(/<([bi])>[^<]*<\/\1>|`[^`]*`|\[[^\]]*\]\([^)]*\)/g) ?? [])
        assert.ok(done.includes(styled), `at ${n}: ${shown}`);
    }
    assert.equal(done, 'Say <b>bold</b> then <i>it</i> and `code` and [a link](https://example.com/).');
  });

  it('half of a ** at the end is held back, not shown as italic', () => {
    assert.equal(inline('a *b **c*', true), 'a *b **c');
    assert.equal(inline('a **b*', true), 'a **b');
    assert.equal(inline('a **b**', false), 'a <b>b</b>');
  });

  it('the stable offset is before any opener still waiting to close', () => {
    assert.equal(parseInline('plain words **open', 0, true).stable, 'plain words '.length);
    assert.equal(parseInline('plain `tick', 0, true).stable, 'plain '.length);
    assert.equal(parseInline('all closed **b** here', 0, true).stable, 'all closed **b** here'.length);
  });
});
