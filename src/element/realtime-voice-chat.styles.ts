import { css } from 'lit';

export const styles = css`
  /* light-dark() follows color-scheme: the visitor's preference, or the theme attribute. */
  :host {
    color-scheme: light dark;
    --rvc-font: system-ui, sans-serif;
    --rvc-bg: light-dark(#fff, #1b1b1f);
    --rvc-fg: light-dark(#1b1b1f, #e3e3e8);
    --rvc-muted: light-dark(#5c5f66, #b4b7bf);
    --rvc-border: light-dark(#d5d7dc, #44474e);
    --rvc-accent: light-dark(#0b57d0, #a8c7fa);
    --rvc-accent-fg: light-dark(#fff, #062e6f);
    --rvc-danger: light-dark(#b3261e, #f2b8b5);
    --rvc-user-bg: light-dark(#e8f0fe, #1f3760);
    --rvc-assistant-bg: light-dark(#f1f3f4, #2b2d31);
    --rvc-radius: 12px;
    --rvc-gap: 0.75rem;
    --rvc-max-height: 24rem;
    display: block;
    font-family: var(--rvc-font);
    color: var(--rvc-fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([layout='compact']) {
    --rvc-gap: 0.5rem;
    --rvc-max-height: 8rem;
  }
  :host([layout='compact']) [part='log'],
  :host([layout='compact']) [part='composer'] {
    display: none;
  }
  [part='launcher'] {
    position: fixed;
    inset: auto 1rem 1rem auto;
    z-index: 2147483000;
  }
  :host([layout='floating']) [part='panel'] {
    position: fixed;
    inset: auto 1rem 4.5rem auto;
    z-index: 2147483000;
    width: min(24rem, calc(100vw - 2rem));
    box-shadow: 0 8px 24px #0004;
  }
  [hidden] {
    display: none !important;
  }
  [part='panel'] {
    display: grid;
    gap: var(--rvc-gap);
    padding: var(--rvc-gap);
    background: var(--rvc-bg);
    border: 1px solid var(--rvc-border);
    border-radius: var(--rvc-radius);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--rvc-gap);
  }
  [part~='status'] {
    margin: 0;
    color: var(--rvc-muted);
  }
  button {
    font: inherit;
    border-radius: 999px;
    padding: 0.5rem 1rem;
    border: 1px solid var(--rvc-accent);
    background: var(--rvc-accent);
    color: var(--rvc-accent-fg);
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
    outline: 3px solid var(--rvc-accent);
    outline-offset: 2px;
  }
  [part='transcript'] {
    /* Plain block flow: grid or flex would measure a streaming reply's whole text twice every frame. */
    display: block;
    contain: content;
    max-height: var(--rvc-max-height);
    overflow-y: auto;
  }
  [part~='item'] {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--rvc-radius);
    background: var(--rvc-assistant-bg);
    overflow-wrap: break-word;
    contain: layout paint;
  }
  [part~='text'] {
    white-space: pre-line;
  }
  [part~='item-user'] {
    background: var(--rvc-user-bg);
    width: fit-content;
    max-width: 85%;
    margin-left: auto;
  }
  [part~='speaker'] {
    display: block;
    font-size: 0.8em;
    color: var(--rvc-muted);
  }
  [part~='divider'] {
    margin: 0.5rem 0;
    text-align: center;
    font-size: 0.8em;
    color: var(--rvc-muted);
    border-top: 1px solid var(--rvc-border);
    padding-top: 0.25rem;
  }
  [part~='empty'] {
    margin: 0;
    color: var(--rvc-muted);
  }
  [part='composer'] {
    display: flex;
    gap: 0.5rem;
  }
  input {
    flex: 1;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--rvc-border);
    border-radius: 999px;
    background: var(--rvc-bg);
    color: var(--rvc-fg);
  }
  [part='controls'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  [part~='meter'] {
    flex: 1;
    height: 0.375rem;
    border-radius: 999px;
    background: linear-gradient(var(--rvc-accent) 0 0) no-repeat 0 / calc(var(--level, 0) * 100%) 100%, var(--rvc-border);
  }
  [aria-pressed='true'] {
    background: var(--rvc-danger);
    border-color: var(--rvc-danger);
  }
  select {
    font: inherit;
    max-width: 40%;
  }
  [part~='item-tool'] {
    font: 0.85em ui-monospace, monospace;
  }
  [part~='placeholder'] {
    color: var(--rvc-muted);
  }
  [part='error'] {
    margin: 0;
    color: var(--rvc-danger);
  }
  [part='log'] summary {
    cursor: pointer;
    color: var(--rvc-muted);
  }
  [part='log-list'] {
    font: 0.75rem/1.4 ui-monospace, monospace;
    max-height: 12rem;
    overflow-y: auto;
    margin: 0.5rem 0 0;
    padding-left: 1.5rem;
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
    [part~='item'],
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
