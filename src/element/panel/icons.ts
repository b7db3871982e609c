import { svg } from 'lit';

// 24-unit line icons in the text colour; the buttons that hold them carry the accessible names.
const icon = (d: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${d}</svg>`;

export const icons = {
  mic: icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`),
  micOff: icon(
    svg`<path d="M3 3l18 18M9 9v2a3 3 0 0 0 5 2.2M15 10V6a3 3 0 0 0-6-.8M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3"/>`,
  ),
  call: icon(svg`<path d="M12 3v10M8 9a4 4 0 0 0 8 0M6 13a6 6 0 0 0 12 0M12 19v2"/>`),
  end: icon(svg`<rect x="6" y="6" width="12" height="12" rx="2"/>`),
  copy: icon(svg`<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8"/>`),
  download: icon(svg`<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>`),
  json: icon(
    svg`<path d="M8 4H7a2 2 0 0 0-2 2v4l-2 2 2 2v4a2 2 0 0 0 2 2h1M16 4h1a2 2 0 0 1 2 2v4l2 2-2 2v4a2 2 0 0 1-2 2h-1"/>`,
  ),
  clear: icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>`),
};
