import { css } from 'lit';

/** The visualizer's look: five bars, coloured per activity, scaled by `--level`; keyframes only when motion is allowed. */
export const visualizerStyles = css`
  /* The visualizer: five bars; --level (0..1, set per levels update) scales them, a transform the compositor draws. */
  [part~='visualizer'] {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    height: 1.5rem;
    flex: none;
  }
  [part~='visualizer'] i {
    width: 4px;
    height: 100%;
    border-radius: 2px;
    background: var(--_border);
    transform: scaleY(calc(0.3 + 0.7 * var(--level, 0) * var(--k, 1)));
    transition: background-color 200ms;
  }
  [part~='visualizer'] i:nth-child(2),
  [part~='visualizer'] i:nth-child(4) {
    --k: 0.75;
  }
  [part~='visualizer'] i:nth-child(1),
  [part~='visualizer'] i:nth-child(5) {
    --k: 0.45;
  }
  [data-activity='listening'] i,
  [data-activity='user-speaking'] i {
    background: var(--_accent);
  }
  [data-activity='assistant-speaking'] i,
  [data-activity='thinking'] i {
    background: var(--_fg);
  }
  [data-activity='connecting'] i {
    background: var(--_muted);
  }
  [part='launcher'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  [part='launcher'] [part~='visualizer'] {
    height: 1rem;
  }
  [part='launcher'] [part~='visualizer'] i {
    background: currentColor;
  }
  @media (prefers-reduced-motion: no-preference) {
    /* Connecting breathes, thinking ripples: keyframes on opacity and transform only. */
    [data-activity='connecting'] i {
      animation: breathe 1.2s ease-in-out infinite;
    }
    [data-activity='thinking'] i {
      animation: ripple 0.9s ease-in-out infinite;
    }
    [part~='visualizer'] i:nth-child(2) {
      animation-delay: 0.1s;
    }
    [part~='visualizer'] i:nth-child(3) {
      animation-delay: 0.2s;
    }
    [part~='visualizer'] i:nth-child(4) {
      animation-delay: 0.3s;
    }
    [part~='visualizer'] i:nth-child(5) {
      animation-delay: 0.4s;
    }
  }
  /* Reduced motion: the bars keep their colour per state and show the level by opacity, not movement. */
  @media (prefers-reduced-motion: reduce) {
    [part~='visualizer'] i {
      transform: scaleY(0.5);
      opacity: calc(0.35 + 0.65 * var(--level, 0));
      transition: none;
    }
  }
  @keyframes breathe {
    50% {
      opacity: 0.35;
    }
  }
  @keyframes ripple {
    50% {
      transform: scaleY(0.7);
    }
  }
`;
