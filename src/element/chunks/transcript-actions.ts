import type { TranscriptEntry } from '../../core/index.js';

/** The conversation as a host keeps it: each item with its id, role, text, status and the time it was first seen. */
export interface Transcript {
  items: TranscriptEntry[];
}

/** Speaker names, by role, for the text form. */
export type Speakers = Record<TranscriptEntry['role'], string>;

/** The conversation as plain text: one paragraph per message, the speaker and local time first. */
export function transcriptText(transcript: Transcript, speakers: Speakers, lang: string): string {
  return transcript.items
    .filter((item) => item.role !== 'divider' && item.text)
    .map((item) => `${speakers[item.role]} (${new Date(item.time).toLocaleString(lang || undefined)}):\n${item.text}`)
    .join('\n\n');
}

/** Copies text to the clipboard (the visitor pressed a button, so the browser allows it). */
export const copyText = (text: string): Promise<void> => navigator.clipboard.writeText(text);

/**
 * Saves a file: a link to a blob, clicked inside the element's own root (no navigation of the page), then released.
 * The name carries the date, so downloads of several conversations do not overwrite each other.
 */
export function download(root: ParentNode, name: string, type: string, content: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = `${name}-${new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-')}.${type === 'application/json' ? 'json' : 'txt'}`;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  // The browser has read the blob by the time the click's default action ran; a minute more costs nothing.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
