// About how fast the voices speak: 14 characters a second (some 170 words a minute). Used only to place the cut of
// an interrupted reply, whose full text stays on the item.
export const MS_PER_CHARACTER = 70;

/**
 * The part of a reply the visitor heard before it was cut at `audioEndMs`: the service removes a truncated item's
 * transcript, so only the client can say. Cut at a word boundary (or a character, in scripts without spaces);
 * never empty when some of the voice was heard; the whole text when the voice had finished.
 */
export function heardPart(text: string, audioEndMs: number, msPerCharacter = MS_PER_CHARACTER): string {
  const reach = Math.floor(audioEndMs / msPerCharacter);
  if (!text || reach >= text.length) return text;
  if (audioEndMs <= 0) return '';
  const space = text.lastIndexOf(' ', reach);
  const firstSpace = text.indexOf(' ');
  // No word ended yet: the first word, or as many characters as were heard where words are not spaced.
  const cut = space > 0 ? space : firstSpace > 0 ? firstSpace : Math.max(1, reach);
  return text.slice(0, cut).trimEnd();
}
