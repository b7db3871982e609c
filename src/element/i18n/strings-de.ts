import type { UiStrings } from './ui-strings.js';

/** German UI text, loaded only by pages that show German. */
const de: UiStrings = {
  start: 'Gespräch starten',
  stop: 'Gespräch beenden',
  send: 'Senden',
  inputLabel: 'Nachricht',
  inputPlaceholder: 'Nachricht eingeben…',
  transcriptLabel: 'Gespräch',
  logLabel: 'Ereignisprotokoll',
  you: 'Sie',
  assistant: 'Assistent',
  system: 'System',
  interrupted: '(unterbrochen)',
  empty: 'Starten Sie das Gespräch und sprechen Sie – oder schreiben Sie eine Nachricht.',
  tool: 'Aktion',
  voiceMessage: 'Sprachnachricht',
  mute: 'Mikrofon stummschalten',
  talk: 'Zum Sprechen gedrückt halten',
  microphone: 'Mikrofon',
  speaker: 'Lautsprecher',
  volume: 'Lautstärke',
  tapToHear: 'Tippen, um den Assistenten zu hören',
  resumed: 'Wieder verbunden – das Gespräch geht weiter',
  earlier: 'Früher in diesem Gespräch',
  notTranscribed: 'Sprachnachricht (nicht transkribiert)',
  replyFailed: '(Antwort fehlgeschlagen)',
  cutShort: '(abgebrochen)',
  reasons: { max_output_tokens: '(abgebrochen: zu lang)', content_filter: '(vom Inhaltsfilter gestoppt)' },
  approve: 'Erlauben',
  deny: 'Ablehnen',
  approved: '(erlaubt)',
  denied: '(abgelehnt)',
  toolsListed: 'Werkzeuge bereit',
  open: 'Sprachchat',
  close: 'Sprachchat schließen',
  copy: 'Nachricht kopieren',
  copyAll: 'Gespräch kopieren',
  downloadText: 'Als Text herunterladen',
  downloadJson: 'Als JSON herunterladen',
  clear: 'Gesprächsverlauf löschen',
  copied: 'Kopiert',
  cleared: 'Aus dieser Ansicht gelöscht. Der Assistent kennt den Verlauf weiterhin, bis der Anruf endet.',
  activities: {
    listening: 'Hört zu – sprechen Sie jetzt',
    'user-speaking': 'Sie sprechen…',
    thinking: 'Denkt nach…',
    'assistant-speaking': 'Spricht…',
  },
  pushToTalk: 'Zum Sprechen die Schaltfläche oder die Leertaste gedrückt halten',
  states: {
    idle: 'Bereit',
    connecting: 'Verbindung wird hergestellt…',
    live: 'Verbunden – sprechen Sie jetzt',
    reconnecting: 'Verbindung verloren – wird wiederhergestellt…',
    ended: 'Gespräch beendet',
    failed: 'Verbindung fehlgeschlagen',
  },
  errors: {
    config_missing:
      'Dieser Sprachchat ist nicht eingerichtet: Er hat weder einen Endpunkt für Sitzungsschlüssel noch für Anrufe.',
    token_unreachable:
      'Server für Sitzungsschlüssel nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    token_http_error: 'Der Server hat den Start einer Sitzung abgelehnt. Versuchen Sie es später erneut.',
    token_invalid: 'Der Server hat einen unbrauchbaren Sitzungsschlüssel gesendet.',
    token_expired: 'Der Sitzungsschlüssel war bereits abgelaufen. Versuchen Sie es erneut.',
    microphone_denied:
      'Der Mikrofonzugriff ist blockiert. Erlauben Sie ihn in der Adressleiste und starten Sie das Gespräch erneut.',
    microphone_unavailable:
      'Es wurde kein funktionierendes Mikrofon gefunden. Schließen Sie eines an und versuchen Sie es erneut.',
    microphone_not_allowed_here:
      'Diese Seite lässt den Chat kein Mikrofon nutzen (im iframe fehlt allow="microphone"). Bitte informieren Sie den Betreiber der Website.',
    unsupported:
      'Dieser Browser kann hier keine Sprachanrufe führen (dafür ist WebRTC auf einer sicheren https-Seite nötig).',
    call_unreachable: 'Der Sprachdienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    call_rejected: 'Der Sprachdienst hat den Anruf abgelehnt.',
    call_invalid_answer: 'Der Sprachdienst hat eine ungültige Antwort gesendet.',
    connection_failed:
      'Die Sprachverbindung ist fehlgeschlagen. Eventuell blockiert Ihr Netzwerk sie (Sprachanrufe brauchen UDP).',
    connection_lost: 'Die Verbindung wurde unterbrochen. Prüfen Sie Ihr Netzwerk und starten Sie neu.',
    connect_timeout:
      'Der Verbindungsaufbau dauerte zu lange. Eventuell blockiert Ihr Netzwerk Sprachanrufe (sie brauchen UDP); prüfen Sie es und versuchen Sie es erneut.',
    channel_closed: 'Der Sprachdienst hat das Gespräch beendet.',
    server_error: 'Der Sprachdienst hat einen Fehler gemeldet.',
    server_event_invalid: 'Der Sprachdienst hat eine Nachricht gesendet, die nicht gelesen werden konnte.',
    not_connected: 'Starten Sie zuerst das Gespräch.',
    message_too_large: 'Diese Nachricht ist zu lang zum Senden.',
    queue_full: 'Zu viele Nachrichten warten auf den Versand. Warten Sie kurz und versuchen Sie es erneut.',
    tool_failed: 'Eine Aktion auf dieser Seite ist fehlgeschlagen; der Assistent wurde informiert.',
    voice_locked: 'Die Stimme lässt sich während eines Gesprächs nicht ändern. Starten Sie ein neues.',
    rate_limited: 'Der Dienst ist gerade ausgelastet. Warten Sie eine Minute und versuchen Sie es erneut.',
    service_unavailable: 'Der Sprachdienst hat gerade Probleme. Versuchen Sie es in ein paar Minuten erneut.',
    session_expired: 'Dieses Gespräch hat sein Zeitlimit erreicht. Starten Sie ein neues, um fortzufahren.',
    session_rejected:
      'Der Sprachdienst hat die Einstellungen dieses Chats abgelehnt, daher konnte er nicht starten. Bitte informieren Sie den Betreiber der Website.',
    response_failed: 'Der Assistent konnte diesmal nicht antworten.',
    transcription_failed: 'Ihre Worte konnten nicht als Text erfasst werden, aber der Assistent hat sie gehört.',
    load_failed: 'Der Sprachchat konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    websocket_needs_token:
      'Dieser Sprachchat ist nur für WebRTC eingerichtet: WebSocket braucht einen Endpunkt für Sitzungsschlüssel.',
    network_blocked:
      'Dieses Netzwerk blockiert die Sprachverbindung, und diese Website bietet keine andere Verbindungsart. Versuchen Sie es in einem anderen Netzwerk.',
    taken_over: 'Das Gespräch geht in einem anderen Tab weiter.',
    control_unavailable: 'Der Assistent ist gerade beschäftigt. Versuchen Sie es gleich noch einmal.',
    budget_exhausted:
      'Der Sprachchat dieser Website hat sein Limit für heute erreicht. Versuchen Sie es morgen wieder.',
    audio_format_unsupported: 'Der Dienst hat Audiodaten gesendet, die diese Seite nicht abspielen kann.',
    endpoint_failed:
      'Der Sprachchat dieser Website funktioniert gerade nicht. Versuchen Sie es später erneut oder geben Sie der Website Bescheid.',
  },
};

export default de;
