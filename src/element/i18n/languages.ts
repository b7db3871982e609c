import type { UiStrings } from './ui-strings.js';

// Each language is a chunk of its own, and this table one more: a page pays only for the language it shows.
export const LOADERS: Record<string, () => Promise<{ default: UiStrings }>> = {
  ar: () => import('./strings-ar.js'),
  de: () => import('./strings-de.js'),
  es: () => import('./strings-es.js'),
  fr: () => import('./strings-fr.js'),
  he: () => import('./strings-he.js'),
  hi: () => import('./strings-hi.js'),
  it: () => import('./strings-it.js'),
  ja: () => import('./strings-ja.js'),
  ko: () => import('./strings-ko.js'),
  nl: () => import('./strings-nl.js'),
  pl: () => import('./strings-pl.js'),
  pt: () => import('./strings-pt.js'),
  'pt-br': () => import('./strings-pt-br.js'),
  tr: () => import('./strings-tr.js'),
  'zh-hans': () => import('./strings-zh-hans.js'),
  'zh-hant': () => import('./strings-zh-hant.js'),
};

// Chinese is chosen by script: Traditional where the tag says so or names a region that writes it.
const TRADITIONAL = ['hant', 'tw', 'hk', 'mo'];

/**
 * The first of `tags` (BCP 47, in the visitor's order of preference) that we offer, by region first (pt-BR), then by
 * language (pt-PT → pt); `en` for English; undefined when none is offered.
 */
export function offeredLanguage(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const [language = '', ...subtags] = tag.toLowerCase().split(/[-_]/);
    if (language === 'en') return 'en';
    if (language === 'zh') return subtags.some((s) => TRADITIONAL.includes(s)) ? 'zh-hant' : 'zh-hans';
    const regional = `${language}-${subtags[0]}`;
    if (subtags.length && regional in LOADERS) return regional;
    if (language in LOADERS) return language;
  }
  return undefined;
}
