import type { Plugin } from 'vite';

/**
 * Minifies the CSS in our `css\`…\`` literals (terser leaves template text alone): comments and the whitespace around
 * punctuation go. Spaces inside values stay, which keeps `calc(a + b)` and `0 0 / auto` valid.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      return code.replace(/css`([^`]*)`/g, (_, text: string) => {
        const css = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${css}\``;
      });
    },
  };
}
