// What the stand-in keeps of what a client sent is bounded: a hostile client must not make it hold gigabytes.

/** The most entries a call's `received` list keeps (the newest). */
export const MAX_RECEIVED = 1000;

/** A client's string as the stand-in keeps or quotes it: at most 100 characters. */
export const shortened = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

/** Appends, dropping the oldest entries past {@link MAX_RECEIVED}. */
export function keepLast<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > MAX_RECEIVED) list.splice(0, list.length - MAX_RECEIVED);
}
