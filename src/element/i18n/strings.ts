import type { UiStrings } from './ui-strings.js';

export type { UiStrings } from './ui-strings.js';

const en: UiStrings = {
  start: 'Start conversation',
  stop: 'End conversation',
  send: 'Send',
  inputLabel: 'Message',
  inputPlaceholder: 'Type a message…',
  transcriptLabel: 'Conversation',
  logLabel: 'Event log',
  you: 'You',
  assistant: 'Assistant',
  system: 'System',
  interrupted: '(interrupted)',
  empty: 'Press Start and talk, or type a message.',
  tool: 'Action',
  voiceMessage: 'Voice message',
  mute: 'Mute microphone',
  talk: 'Hold to talk',
  microphone: 'Microphone',
  speaker: 'Speaker',
  volume: 'Volume',
  tapToHear: 'Tap to hear the assistant',
  resumed: 'Reconnected — the conversation goes on',
  earlier: 'Earlier in this conversation',
  notTranscribed: 'Voice message (not transcribed)',
  replyFailed: '(the reply failed)',
  cutShort: '(cut short)',
  reasons: { max_output_tokens: '(cut short: too long)', content_filter: '(stopped by the content filter)' },
  approve: 'Approve',
  deny: 'Deny',
  approved: '(approved)',
  denied: '(denied)',
  toolsListed: 'tools ready',
  open: 'Voice chat',
  close: 'Close voice chat',
  copy: 'Copy message',
  copyAll: 'Copy conversation',
  downloadText: 'Download as text',
  downloadJson: 'Download as JSON',
  clear: 'Clear conversation',
  copied: 'Copied',
  cleared: 'Cleared from this panel. The assistant still remembers this call until it ends.',
  activities: {
    listening: 'Listening — speak now',
    'user-speaking': 'Hearing you…',
    thinking: 'Thinking…',
    'assistant-speaking': 'Speaking…',
  },
  pushToTalk: 'Hold the button or Space to talk',
  states: {
    idle: 'Ready',
    connecting: 'Connecting…',
    live: 'Live — speak now',
    reconnecting: 'Connection lost — reconnecting…',
    ended: 'Conversation ended',
    failed: 'Could not connect',
  },
  // The element's own errors, said before the session code loads; the rest of English's come with it (errors-en.ts).
  errors: {
    not_connected: 'Start the conversation first.',
    queue_full: 'Too many messages are waiting. Wait a moment and try again.',
    load_failed: 'The voice chat could not load. Check your connection and try again.',
  } as UiStrings['errors'],
};

/**
 * Languages ready to use, by code (`ja`, `pt-br`, `zh-hant`). English is built in (its session errors' texts come with
 * the session code); others load on first use.
 */
export const LANGUAGES: Record<string, UiStrings> = { en };

/** Counts strings that arrived after the first render: strings made before are stale once it moves. */
export const revision = { n: 0 };

/** English's session errors arrived (errors-en.ts, loaded with the session code). */
export function addEnglishErrors(errors: Partial<UiStrings['errors']>): void {
  Object.assign(en.errors, errors);
  revision.n++;
}

// Which language each list of asked-for tags came to (`pt-BR,pt` → `pt-br`), once the table of languages said so.
const RESOLVED: Record<string, string> = {};
const tagsOf = (lang: string | readonly string[]): readonly string[] => (typeof lang === 'string' ? [lang] : lang);

/**
 * Loads the strings of the first language of `lang` (a BCP 47 tag, or the visitor's list of them) that we offer, if
 * not loaded yet; resolves once they are in {@link LANGUAGES} (English stays on failure). Returns undefined when there
 * is nothing to load.
 */
export function loadLanguage(lang: string | readonly string[]): Promise<void> | undefined {
  const tags = tagsOf(lang);
  const key = tags.join();
  if (key in RESOLVED || /^en\b/i.test(key)) return undefined;
  RESOLVED[key] = 'en';
  // A missing chunk (one file copied alone) leaves the UI in English rather than broken.
  return import('./languages.js')
    .then(async ({ offeredLanguage, LOADERS }) => {
      const code = offeredLanguage(tags) ?? 'en';
      LANGUAGES[code] ??= (await LOADERS[code]()).default;
      RESOLVED[key] = code;
    })
    .catch(() => {});
}

/** The code of the language whose strings {@link stringsFor} gives for `lang` now (English while another loads). */
export function shownLanguage(lang: string | readonly string[]): string {
  const tags = tagsOf(lang);
  const resolved = RESOLVED[tags.join()];
  if (resolved && LANGUAGES[resolved]) return resolved;
  const base = (tags[0] ?? '').toLowerCase().split('-')[0];
  return Object.hasOwn(LANGUAGES, base) ? base : 'en';
}

/** Overrides for any UI text; the groups (`states`, `activities`, `errors`, `reasons`) may name only some of theirs. */
export type UiStringOverrides = {
  [K in keyof UiStrings]?: UiStrings[K] extends string ? string : Partial<UiStrings[K]>;
};

/**
 * The strings for a BCP 47 tag or a list of them (`ja-JP` → ja), English when no language of theirs is offered or
 * loaded yet, with the host's overrides on top.
 */
export function stringsFor(lang: string | readonly string[], overrides: UiStringOverrides = {}): UiStrings {
  const base = LANGUAGES[shownLanguage(lang)];
  return {
    ...base,
    ...(overrides as Partial<UiStrings>),
    states: { ...base.states, ...overrides.states },
    activities: { ...base.activities, ...overrides.activities },
    reasons: { ...base.reasons, ...(overrides.reasons as Record<string, string> | undefined) },
    // Without overrides, the language's own: English's session errors fill it in when the session code arrives.
    errors: overrides.errors ? { ...base.errors, ...overrides.errors } : base.errors,
  };
}
