/**
 * Shows `states` as CSS custom states (`:state(live)`); where the browser has no `CustomStateSet` they go into a
 * `data-state` attribute instead (`[data-state~="live"]`), so a host's styles have a fallback.
 */
export function showStates(internals: ElementInternals | undefined, host: HTMLElement, states: readonly string[]): void {
  const set = internals && 'states' in internals ? internals.states : undefined;
  if (set) {
    set.clear();
    for (const state of states) set.add(state);
  } else host.setAttribute('data-state', states.join(' '));
}
