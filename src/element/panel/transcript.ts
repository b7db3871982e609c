import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationItem } from '../../core/index.js';
import { appendText } from './append-text.js';
import type { UiStrings } from '../i18n/strings.js';
import { icons } from './icons.js';
import { textView, type TextViewFactory } from './text-view.js';

/** Approve and Deny for an approval request the page left to the visitor (a chunk of its own). */
export type ApprovalButtons = (
  h: typeof html,
  item: ConversationItem,
  t: UiStrings,
  answer: (approve: boolean) => void,
) => TemplateResult;

/** The speaker's name above a message. */
const speaker = (item: ConversationItem, t: UiStrings) =>
  item.role === 'user' ? t.you : item.role === 'assistant' ? t.assistant : item.role === 'tool' ? t.tool : t.system;

/** What a tool item says: the call with its arguments and the answer, a listed server, or an approval request. */
function toolText(item: ConversationItem, t: UiStrings): string {
  if (item.kind === 'mcp_list_tools') return `${item.name}: ${t.toolsListed}`;
  return `${item.name}(${item.text})${item.output === undefined ? '' : ` → ${item.output}`}`;
}

/** The mark after a message: interrupted, cut short (and why), failed, not transcribed, approved or denied. */
function mark(item: ConversationItem, t: UiStrings): string | undefined {
  if (item.approval) return item.approval === 'approved' ? t.approved : t.denied;
  if (item.status === 'interrupted') return t.interrupted;
  if (item.status === 'incomplete') return t.reasons[item.reason ?? ''] ?? t.cutShort;
  if (item.status === 'failed' && item.role !== 'user') return t.replyFailed;
  return undefined;
}

/**
 * One entry of the conversation. Model output is never HTML: the model's replies are rich text built as DOM nodes by
 * `rich` (a chunk; plain text until it has loaded), everything else plain text. A streaming reply grows in place.
 * Each message's text takes its own direction (`dir="auto"`): an English reply reads right in an Arabic panel.
 * `approval` is set for an approval request waiting for the visitor.
 */
export function renderItem(
  item: ConversationItem,
  t: UiStrings,
  rich: TextViewFactory | undefined,
  copy: (event: Event) => void,
  approval?: { buttons: ApprovalButtons | undefined; answer: (approve: boolean) => void },
) {
  const { role } = item;
  if (role === 'divider')
    return html`<p part="divider" role="separator">${item.reason === 'restored' ? t.earlier : t.resumed}</p>`;
  const richText = role === 'assistant' && rich && item.text;
  const text = richText
    ? nothing
    : role === 'tool'
      ? toolText(item, t)
      : item.text
        ? appendText(item.text)
        : role === 'user'
          ? html`<i part="placeholder">${item.status === 'failed' ? t.notTranscribed : t.voiceMessage}</i>`
          : '';
  const note = mark(item, t);
  return html`<div part="item item-${role}" data-id=${item.id} data-role=${role} data-status=${item.status}>
    <span part="speaker">${speaker(item, t)}</span>${
      richText
        ? html`<div part="text rich-text" dir="auto" ${textView(rich, item.text, item.status === 'in_progress')}></div>`
        : html`<span part="text" dir="auto">${text}</span>`
    }${
      note ? html` <span part=${item.status === 'interrupted' ? 'interrupted' : 'item-status'}>${note}</span>` : nothing
    }${approval?.buttons?.(html, item, t, approval.answer) ?? nothing}${
      (role === 'user' || role === 'assistant') && item.text
        ? html`<button part="copy-button" class="icon" type="button" aria-label=${t.copy} title=${t.copy} @click=${copy}>${icons.copy}</button>`
        : nothing
    }
  </div>`;
}
