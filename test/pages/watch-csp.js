// Loaded first on the strict-CSP test pages: records every CSP violation, every error that escapes, and every
// request the page makes, for the test in the parent frame to read.
window.violations = [];
window.escaped = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.violations.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`),
);
window.addEventListener('error', (e) => window.escaped.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.escaped.push(String(e.reason)));
// A page whose own Lit app already made Lit's Trusted Types policy (?lit-policy).
if (location.search.includes('lit-policy') && window.trustedTypes) {
  window.trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });
}
