/**
 * The small Markdown subset assistant messages use: paragraphs, lists, bold, italic, inline code and links. Parsing
 * yields plain data (never HTML) in time linear in the text, however hostile; `rich-text.ts` builds DOM nodes from it.
 */

export type Inline =
  | { kind: 'text'; text: string; /** Offset of `text` in the source: text pieces are source slices. */ at: number }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'p'; at: number; source: string }
  | { kind: 'ul' | 'ol'; at: number; source: string; start: number; items: string[] };

export interface InlineParse {
  nodes: Inline[];
  /** Source up to here will parse the same whatever text follows: no opener before it is still waiting to close. */
  stable: number;
}

// Openers waiting for their closer; past this depth a delimiter is plain text (keeps closing linear).
const MAX_OPEN = 32;
const LIST_ITEM = /^ {0,3}(?:([-*+])|(\d{1,9})[.)])[ \t]+/;

/** Splits text into blocks: paragraphs (lines kept), and bullet or numbered lists (a marker line per item). */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let at = 0;
  for (const line of text.split('\n')) {
    const lineAt = at;
    at += line.length + 1;
    if (!line.trim()) {
      current = undefined;
      continue;
    }
    const marker = LIST_ITEM.exec(line);
    const kind = marker ? (marker[1] ? 'ul' : 'ol') : undefined;
    if (kind && current?.kind === kind) current.items.push(line.slice(marker![0].length));
    else if (kind)
      blocks.push(
        (current = {
          kind,
          at: lineAt,
          source: '',
          start: kind === 'ol' ? Number(marker![2]) : 1,
          items: [line.slice(marker![0].length)],
        }),
      );
    else if (current && current.kind !== 'p')
      current.items[current.items.length - 1] += '\n' + line.trim(); // a line under an item carries it on
    else if (!current) blocks.push((current = { kind: 'p', at: lineAt, source: '' }));
    current.source = text.slice(current.at, lineAt + line.length);
  }
  return blocks;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/** Whether a URL may become a link: web and mail addresses only, nothing a browser would run. */
export function safeHref(url: string): string | undefined {
  if (!/^(?:https?:\/\/|mailto:)/i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    // `https://apple.com@evil.example` reads as apple.com and goes to evil.example: no chat link needs a user name.
    if (parsed.username || parsed.password) return undefined;
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

type Piece = Inline | { kind: 'open'; mark: string; text: string; at: number };

/**
 * Parses one block's inline text. `streaming`: the text may still grow, so a delimiter run at its very end is held
 * back (it may be half of `**`), and unclosed openers stay plain text: a reply never flickers into the wrong style.
 */
export function parseInline(source: string, from = 0, streaming = false): InlineParse {
  const pieces: Piece[] = [];
  const open: number[] = []; // indexes into pieces of openers still waiting
  let text = '';
  let textAt = from;
  let codeGone = false; // no backtick left after this point: every later one is plain
  let loneTick = source.length; // the first backtick with no closer yet: a growing text may still close it
  let noLinkBefore = from; // the end of the last run of characters an address was looked for in
  const end = source.length;
  const flush = (to: number) => {
    if (text) pieces.push({ kind: 'text', text, at: textAt });
    text = '';
    textAt = to;
  };
  const plain = (s: string, at: number) => {
    if (!text) textAt = at;
    text += s;
  };
  // Closes the opener `mark` (searching down the stack): the pieces after it become the new nodes' children.
  const close = (mark: string, make: (children: Inline[]) => Inline[]): boolean => {
    for (let k = open.length - 1; k >= 0; k--) {
      const opener = pieces[open[k]] as Piece & { kind: 'open' };
      if (opener.mark !== mark) continue;
      const children = pieces.splice(open[k] + 1).map(literal);
      pieces.splice(open[k], 1, ...make(children));
      open.length = k;
      return true;
    }
    return false;
  };
  let i = from;
  while (i < end) {
    const c = source[i];
    if (c === '`') {
      const close = codeGone ? -1 : source.indexOf('`', i + 1);
      if (close < 0) {
        codeGone = true;
        loneTick = Math.min(loneTick, i);
        plain(c, i++);
        continue;
      }
      flush(i);
      pieces.push({ kind: 'code', text: source.slice(i + 1, close) });
      i = close + 1;
      textAt = i;
      continue;
    }
    if (c === '*' || c === '_') {
      let run = i;
      while (run < end && source[run] === c) run++;
      const length = run - i;
      // A run that reaches the end of a growing text may still become longer: hold it back.
      if (streaming && run === end) break;
      const before = source[i - 1];
      const after = source[run];
      const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
      const rightFlanking = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
      const canOpen = leftFlanking && (c === '*' || !isWord(before));
      const canClose = rightFlanking && (c === '*' || !isWord(after));
      const mark = c.repeat(length);
      if (length <= 2) {
        flush(i);
        if (canClose && close(mark, (children) => [{ kind: length === 2 ? 'strong' : 'em', children }])) {
          i = run;
          textAt = i;
          continue;
        }
        if (canOpen && open.length < MAX_OPEN) {
          open.push(pieces.length);
          pieces.push({ kind: 'open', mark, text: mark, at: i });
          i = run;
          textAt = i;
          continue;
        }
      }
      plain(mark, i);
      i = run;
      continue;
    }
    if (c === '[') {
      flush(i);
      if (open.length < MAX_OPEN) {
        open.push(pieces.length);
        pieces.push({ kind: 'open', mark: '[', text: '[', at: i });
      } else plain(c, i);
      i++;
      textAt = i;
      continue;
    }
    if (c === ']' && source[i + 1] === '(') {
      // The address runs to `)`; whitespace or another bracket first means this is no link.
      let j = i + 2;
      while (j < end && !' \t\n()[]<>'.includes(source[j])) j++;
      if (source[j] === ')') {
        flush(i);
        const href = safeHref(source.slice(i + 2, j));
        // An address that is not allowed leaves its words as plain text, and no link.
        if (
          close('[', (children) => (href ? [{ kind: 'link', href, children: children.flatMap(unlink) }] : children))
        ) {
          // Links never nest: earlier brackets stay plain text.
          if (href)
            for (let k = open.length - 1; k >= 0; k--)
              if ((pieces[open[k]] as { mark?: string }).mark === '[') open.splice(k, 1);
          i = j + 1;
          textAt = i;
          continue;
        }
      } else if (streaming && j === end) break;
    }
    const linkable = (c === 'h' || c === 'H') && i >= noLinkBefore && !isWord(source[i - 1]);
    if (linkable && /^https?:\/\//i.test(source.slice(i, i + 8))) {
      let j = i;
      while (j < end && !/[\s<>"]/.test(source[j])) j++;
      if (streaming && j === end) break;
      // One address per run of characters: a later `http` in it never reads the run again (that was quadratic).
      noLinkBefore = j;
      while (j > i && /[.,;:!?)'\]*_]/.test(source[j - 1])) j--;
      const href = safeHref(source.slice(i, j));
      if (href) {
        flush(i);
        pieces.push({ kind: 'link', href, children: [{ kind: 'text', text: source.slice(i, j), at: i }] });
        i = j;
        textAt = i;
        continue;
      }
    }
    plain(c, i++);
  }
  flush(i);
  const stable = Math.min(open.length ? (pieces[open[0]] as { at: number }).at : i, streaming ? loneTick : end);
  return { nodes: merge(pieces.map(literal)), stable };
}

/** An opener that never closed is its own text. */
const literal = (piece: Piece): Inline =>
  piece.kind === 'open' ? { kind: 'text', text: piece.text, at: piece.at } : piece;

/** A link inside a link's words is its words. */
const unlink = (node: Inline): Inline[] => (node.kind === 'link' ? node.children : [node]);

/** Joins neighbouring text pieces (so a text node per run, and appending streams into one node). */
function merge(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text' && last.at + last.text.length === node.at)
      out[out.length - 1] = { ...last, text: last.text + node.text };
    else if (node.kind === 'text' && !node.text) continue;
    else out.push(node);
  }
  return out;
}
