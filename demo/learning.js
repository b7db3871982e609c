// Learning mode: the page mints its own ephemeral keys with a pasted standard key, through the element's getToken.
import '/dist/realtime-voice-chat.js';

// getToken may throw an error carrying one of the element's error codes: the element shows that code's message.
const coded = (code, message, status) => Object.assign(new Error(message), { code, status });

const chat = document.querySelector('realtime-voice-chat');
const form = document.getElementById('key-form');
const input = document.getElementById('api-key');
const keyState = document.getElementById('key-state');
/** Held in this closure only: not in the DOM, not in storage. Reloading the page forgets it. */
let standardKey = '';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  standardKey = input.value.trim();
  input.value = '';
  keyState.textContent = 'Key held in memory for this tab. Reload the page to forget it.';
});

chat.getToken = async (signal) => {
  if (!standardKey) throw coded('config_missing', 'paste a standard API key above first');
  const response = await fetch(`${chat.baseUrl}/realtime/client_secrets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${standardKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      expires_after: { anchor: 'created_at', seconds: 600 },
      session: { type: 'realtime', model: 'gpt-realtime-2.1' },
    }),
    signal,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw coded('token_http_error', body.error?.message ?? `HTTP ${response.status}`, response.status);
  return body;
};
