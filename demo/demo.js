// The host page's side: it only listens to the element's DOM events and calls its public API.
import { setPageColor } from './page-tool.js';

const chat = document.querySelector('realtime-voice-chat');
const log = document.getElementById('console');
const stages = document.getElementById('stages');

document.getElementById(document.body.dataset.mode === 'openai' ? 'mode-stand-in' : 'mode-openai').hidden = true;

for (const radio of document.querySelectorAll('input[name="lang"]')) {
  radio.addEventListener('change', () => {
    document.documentElement.lang = radio.value;
    chat.setAttribute('lang', radio.value);
  });
}

// Look: the theme and layout attributes apply live (unset theme follows the visitor's colour scheme).
for (const name of ['theme', 'layout']) {
  for (const radio of document.querySelectorAll(`input[name="${name}"]`)) {
    radio.addEventListener('change', () =>
      radio.value ? chat.setAttribute(name, radio.value) : chat.removeAttribute(name),
    );
  }
}

for (const radio of document.querySelectorAll('input[name="turns"]')) {
  // Applies at once, mid-call too: the element sends only what changed.
  radio.addEventListener('change', () => chat.setAttribute('turn-detection', radio.value));
}

// A tool the model may call in this page.
chat.tools = [setPageColor];

function line(type, text) {
  const li = document.createElement('li');
  const name = document.createElement('b');
  name.textContent = type;
  li.append(name, ' ', text);
  log.append(li);
  while (log.children.length > 100) log.firstElementChild.remove();
  li.scrollIntoView({ block: 'nearest' });
}

chat.addEventListener('rvc-state', (e) => line('rvc-state', `${e.detail.previous} → ${e.detail.state}`));
chat.addEventListener('rvc-error', (e) =>
  line('rvc-error', `${e.detail.code}: ${e.detail.message} ${e.detail.detail}`),
);
chat.addEventListener('rvc-transcript', (e) => {
  if (e.detail.item.status !== 'in_progress')
    line('rvc-transcript', `${e.detail.item.role} (${e.detail.item.status}): ${e.detail.item.text}`);
});
chat.addEventListener('rvc-activity', (e) => line('rvc-activity', e.detail.activity));
chat.addEventListener('rvc-tool-call', (e) => line('rvc-tool-call', `${e.detail.name}(${e.detail.rawArguments})`));
chat.addEventListener('rvc-metrics', (e) => {
  if (e.detail.turn) line('rvc-metrics', `turn (${e.detail.turn.trigger}): reply heard after ${e.detail.turn.ms} ms`);
  stages.replaceChildren(
    ...Object.entries(e.detail.stages).map(([stage, ms]) => {
      const row = document.createElement('tr');
      const name = document.createElement('th');
      const value = document.createElement('td');
      name.textContent = stage;
      value.textContent = String(ms);
      row.append(name, value);
      return row;
    }),
  );
});
