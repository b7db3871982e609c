import { css } from 'lit';

export const styles = css`
  /*
   * The host's --rvc-* tokens (set on :root, any ancestor or the element) are read here, each with its default; the
   * element never sets them itself. light-dark() follows color-scheme: the visitor's preference or the theme attribute.
   */
  :host {
    color-scheme: light dark;
    --_bg: var(--rvc-bg, light-dark(#fff, #1b1b1f));
    --_fg: var(--rvc-fg, light-dark(#1b1b1f, #e3e3e8));
    --_muted: var(--rvc-muted, light-dark(#5c5f66, #b4b7bf));
    --_border: var(--rvc-border, light-dark(#d5d7dc, #44474e));
    --_accent: var(--rvc-accent, light-dark(#0b57d0, #a8c7fa));
    --_accent-fg: var(--rvc-accent-fg, light-dark(#fff, #062e6f));
    --_danger: var(--rvc-danger, light-dark(#b3261e, #f2b8b5));
    --_user-bg: var(--rvc-user-bg, light-dark(#e8f0fe, #1f3760));
    --_assistant-bg: var(--rvc-assistant-bg, light-dark(#f1f3f4, #2b2d31));
    --_radius: var(--rvc-radius, 12px);
    --_gap: var(--rvc-gap, 0.75rem);
    --_max-height: var(--rvc-max-height, 24rem);
    display: block;
    font-family: var(--rvc-font, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([layout='compact']) {
    --_gap: var(--rvc-gap, 0.5rem);
    --_max-height: var(--rvc-max-height, 8rem);
  }
  :host([layout='compact']) [part='log'],
  :host([layout='compact']) [part='composer'] {
    display: none;
  }
  /* Logical sides throughout: under dir="rtl" (the page's or the element's) the panel mirrors, launcher included. */
  [part='launcher'] {
    position: fixed;
    inset-block: auto 1rem;
    inset-inline: auto 1rem;
    z-index: 2147483000;
  }
  :host([layout='floating']) [part='panel'] {
    position: fixed;
    inset-block: auto 4.5rem;
    inset-inline: auto 1rem;
    z-index: 2147483000;
    box-sizing: border-box;
    width: min(24rem, calc(100vw - 2rem));
    /* A phone's screen is short: the panel scrolls rather than leave the screen at the top. */
    max-height: calc(100dvh - 6rem);
    overflow-y: auto;
    box-shadow: 0 8px 24px #0004;
  }
  [hidden] {
    display: none !important;
  }
  [part='panel'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* Grid items may shrink below their content's width: a narrow page wraps the rows instead of overflowing. */
  [part='panel'] > * {
    min-width: 0;
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
  }
  [part~='status'] {
    flex: 1 1 6rem;
    margin: 0;
    color: var(--_muted);
  }
  button.icon {
    display: inline-grid;
    place-items: center;
    padding: 0.375rem;
    background: transparent;
    border-color: transparent;
    color: var(--_muted);
  }
  button.icon:hover {
    background: color-mix(in srgb, currentColor 12%, transparent);
    color: var(--_fg);
  }
  button.primary {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 600;
    padding-block: 0.5rem;
    padding-inline: 0.75rem 1rem;
  }
  [part~='stop-button'] {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_bg);
  }
  svg {
    flex: none;
  }
  [part='transcript-tools'] {
    display: flex;
    gap: 0.25rem;
    justify-content: flex-end;
    margin-top: calc(var(--_gap) * -0.5);
  }
  [part~='item'] {
    position: relative;
  }
  [part~='copy-button'] {
    position: absolute;
    inset-block-start: 0.25rem;
    inset-inline-end: 0.25rem;
    padding: 0.25rem;
    opacity: 0;
  }
  [part~='item']:hover [part~='copy-button'],
  [part~='copy-button']:focus-visible {
    opacity: 1;
  }
  [part~='cleared'] {
    margin: 0 0 0.5rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
  button {
    font: inherit;
    border-radius: 999px;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  [part='transcript'] {
    /* Plain block flow: grid or flex would measure a streaming reply's whole text twice every frame. */
    display: block;
    contain: content;
    max-height: var(--_max-height);
    overflow-y: auto;
  }
  [part~='item'] {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_assistant-bg);
    overflow-wrap: break-word;
    contain: layout paint;
  }
  [part~='text'] {
    white-space: pre-line;
  }
  /* Settled messages off screen cost no layout or paint; 'auto' remembers each one's last size. */
  [part~='item']:not(:last-child) {
    content-visibility: auto;
    contain-intrinsic-size: auto 3rem;
  }
  [part~='rich-text'] > * {
    margin: 0 0 0.5em;
  }
  [part~='rich-text'] > :last-child {
    margin-bottom: 0;
  }
  [part~='rich-text'] :is(ul, ol) {
    padding-inline-start: 1.25rem;
  }
  [part~='rich-text'] code {
    font: 0.9em ui-monospace, monospace;
    padding: 0 0.2em;
    border-radius: 4px;
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  [part~='rich-text'] a {
    color: var(--_accent);
  }
  [part~='item-user'] {
    background: var(--_user-bg);
    width: fit-content;
    max-width: 85%;
    margin-inline-start: auto;
  }
  [part~='speaker'] {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
  }
  [part~='divider'] {
    margin: 0.5rem 0;
    text-align: center;
    font-size: 0.8em;
    color: var(--_muted);
    border-top: 1px solid var(--_border);
    padding-top: 0.25rem;
  }
  [part~='empty'] {
    margin: 0;
    color: var(--_muted);
  }
  [part='composer'] {
    display: flex;
    gap: 0.5rem;
  }
  input {
    flex: 1;
    /* Shrinks below its default width: on a phone the Send button stays inside the panel. */
    min-width: 0;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_fg);
  }
  [part='controls'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  [part~='meter'] {
    flex: 1;
    min-width: 3rem;
    height: 0.375rem;
    border-radius: 999px;
    background: linear-gradient(var(--_accent) 0 0) no-repeat 0 / calc(var(--level, 0) * 100%) 100%, var(--_border);
  }
  [aria-pressed='true'],
  button.icon[aria-pressed='true']:hover {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_bg);
  }
  select {
    font: inherit;
    max-width: 40%;
    appearance: none;
    padding-block: 0.375rem;
    padding-inline: 0.75rem 1.75rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_fg);
    background: var(--_bg) no-repeat right 0.75rem center / 0.5rem 0.3rem;
    background-image: linear-gradient(45deg, transparent 50%, currentColor 50%), linear-gradient(-45deg, transparent 50%, currentColor 50%);
    background-size: 0.3rem 0.3rem;
    background-position: right 0.95rem center, right 0.65rem center;
    text-overflow: ellipsis;
  }
  /* Backgrounds have no logical positions: the arrow moves to the other end by hand. */
  select:dir(rtl) {
    background-position:
      left 0.65rem center,
      left 0.95rem center;
  }
  [part~='item-status'],
  [part~='interrupted'] {
    color: var(--_muted);
    font-size: 0.85em;
  }
  [part~='item-status'] {
    color: var(--_danger);
  }
  [part~='approval'] {
    display: flex;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
  [part~='deny-button'] {
    background: transparent;
    color: var(--_accent);
  }
  [part~='item-tool'] {
    font: 0.85em ui-monospace, monospace;
  }
  [part~='placeholder'] {
    color: var(--_muted);
  }
  [part='error'] {
    margin: 0;
    color: var(--_danger);
  }
  [part='log'] summary {
    cursor: pointer;
    color: var(--_muted);
  }
  [part='log-list'] {
    font: 0.75rem/1.4 ui-monospace, monospace;
    max-height: 12rem;
    overflow-y: auto;
    margin: 0.5rem 0 0;
    padding-inline-start: 1.5rem;
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    /* Only the newest item: a flood of items would otherwise keep hundreds animating on the main thread. */
    [part~='item']:last-child,
    :host([layout='floating']) [part='panel'] {
      animation: appear 150ms ease-out;
    }
  }
  @keyframes appear {
    from {
      opacity: 0;
      transform: translateY(4px);
    }
  }
`;
