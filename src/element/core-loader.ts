import { addEnglishErrors } from './i18n/strings.js';

type Core = typeof import('../core/session-entry.js');
let core: Promise<Core> | undefined;

/**
 * The session code, a chunk of its own: a page pays for it only when a visitor shows intent (points at or focuses
 * the element, `prefetch`, or Start). Loaded once per page; a failed load is tried again next time.
 */
export function loadCore(): Promise<Core> {
  // English's texts for the session's errors come with it: no visitor sees them before it runs.
  return (core ??= Promise.all([import('../core/session-entry.js'), import('./i18n/errors-en.js')])
    .then(([session, errors]) => {
      addEnglishErrors(errors.default);
      return session;
    })
    .catch((e: unknown) => {
      core = undefined;
      throw e;
    }));
}
