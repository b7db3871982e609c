import type { ApprovalButtons } from '../panel/transcript.js';

/** Approve and Deny, for an MCP tool call the model wants to make (loaded only when one is asked; Lit's `html` comes from the element). */
export const approvalButtons: ApprovalButtons = (html, item, t, answer) =>
  html`<span part="approval" role="group" aria-label=${`${t.tool}: ${item.name}`}>
    <button part="approve-button" type="button" @click=${() => answer(true)}>${t.approve}</button>
    <button part="deny-button" type="button" @click=${() => answer(false)}>${t.deny}</button>
  </span>`;
