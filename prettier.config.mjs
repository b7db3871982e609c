// 120 columns: the protocol's event and field names are long, and at 80 every other line would wrap.
// Single quotes, as in Lit's and Shoelace's sources. Templates (html``, css``) are left as written: their whitespace
// is rendered text, and the first download's byte budget counts it.
export default { printWidth: 120, singleQuote: true, embeddedLanguageFormatting: 'off' };
