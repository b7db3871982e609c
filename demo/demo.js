// The host page's side: it only listens to the element's DOM events and calls its public API.
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
chat.addEventListener('rvc-error', (e) => line('rvc-error', `${e.detail.code}: ${e.detail.message} ${e.detail.detail}`));
chat.addEventListener('rvc-transcript', (e) => {
  if (e.detail.item.status !== 'in_progress') line('rvc-transcript', `${e.detail.item.role} (${e.detail.item.status}): ${e.detail.item.text}`);
});
chat.addEventListener('rvc-metrics', (e) => {
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
