/**
 * Shows `states` as CSS custom states (`:state(live)`); where the browser has no `CustomStateSet` they go into a
 * `data-state` attribute instead (`[data-state~="live"]`), so a host's styles have a fallback. Only what changed is
 * touched: every change of a state restyles the element and all it holds, and this runs on every render.
 */
export function showStates(
  internals: ElementInternals | undefined,
  host: HTMLElement,
  states: readonly string[],
): void {
  const set = internals && 'states' in internals ? internals.states : undefined;
  if (set) {
    for (const state of set) if (!states.includes(state)) set.delete(state);
    for (const state of states) if (!set.has(state)) set.add(state);
  } else if (host.getAttribute('data-state') !== states.join(' ')) host.setAttribute('data-state', states.join(' '));
}
