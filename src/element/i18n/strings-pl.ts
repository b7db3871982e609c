import type { UiStrings } from './ui-strings.js';

/** Polish UI text, loaded only by pages that show Polish. */
const pl: UiStrings = {
  start: 'Rozpocznij rozmowę',
  stop: 'Zakończ rozmowę',
  send: 'Wyślij',
  inputLabel: 'Wiadomość',
  inputPlaceholder: 'Wpisz wiadomość…',
  transcriptLabel: 'Rozmowa',
  logLabel: 'Dziennik zdarzeń',
  you: 'Ty',
  assistant: 'Asystent',
  system: 'System',
  interrupted: '(przerwano)',
  empty: 'Naciśnij „Rozpocznij rozmowę” i mów albo wpisz wiadomość.',
  tool: 'Działanie',
  voiceMessage: 'Wiadomość głosowa',
  mute: 'Wycisz mikrofon',
  talk: 'Przytrzymaj, aby mówić',
  microphone: 'Mikrofon',
  speaker: 'Głośnik',
  volume: 'Głośność',
  tapToHear: 'Dotknij, aby usłyszeć asystenta',
  resumed: 'Połączono ponownie — rozmowa trwa dalej',
  earlier: 'Wcześniej w tej rozmowie',
  notTranscribed: 'Wiadomość głosowa (bez transkrypcji)',
  replyFailed: '(nie udało się odpowiedzieć)',
  cutShort: '(niepełna odpowiedź)',
  reasons: {
    max_output_tokens: '(niepełna odpowiedź: zbyt długa)',
    content_filter: '(filtr treści zatrzymał odpowiedź)',
  },
  approve: 'Zatwierdź',
  deny: 'Odrzuć',
  approved: '(zatwierdzono)',
  denied: '(odrzucono)',
  toolsListed: 'narzędzia gotowe',
  open: 'Czat głosowy',
  close: 'Zamknij czat głosowy',
  copy: 'Kopiuj wiadomość',
  copyAll: 'Kopiuj rozmowę',
  downloadText: 'Pobierz jako tekst',
  downloadJson: 'Pobierz jako JSON',
  clear: 'Wyczyść rozmowę',
  copied: 'Skopiowano',
  cleared: 'Wyczyszczono ten panel. Asystent nadal pamięta tę rozmowę, dopóki połączenie się nie zakończy.',
  activities: {
    listening: 'Słucham — możesz mówić',
    'user-speaking': 'Słyszę cię…',
    thinking: 'Myślę…',
    'assistant-speaking': 'Mówię…',
  },
  pushToTalk: 'Przytrzymaj przycisk lub spację, aby mówić',
  states: {
    idle: 'Gotowy',
    connecting: 'Łączenie…',
    live: 'Połączono — możesz mówić',
    reconnecting: 'Utracono połączenie — ponowne łączenie…',
    ended: 'Rozmowa zakończona',
    failed: 'Nie udało się połączyć',
  },
  errors: {
    config_missing:
      'Ten czat głosowy nie jest skonfigurowany: brak adresu do pobierania kluczy sesji i adresu połączeń.',
    token_unreachable:
      'Nie udało się połączyć z serwerem, aby pobrać klucz sesji. Sprawdź połączenie i spróbuj ponownie.',
    token_http_error: 'Serwer odmówił rozpoczęcia sesji. Spróbuj ponownie później.',
    token_invalid: 'Serwer przesłał klucz sesji, którego nie można użyć.',
    token_expired: 'Klucz sesji już wygasł. Spróbuj ponownie.',
    microphone_denied:
      'Dostęp do mikrofonu jest zablokowany. Zezwól na niego na pasku adresu i znów naciśnij „Rozpocznij rozmowę”.',
    microphone_unavailable: 'Nie znaleziono działającego mikrofonu. Podłącz mikrofon i spróbuj ponownie.',
    microphone_not_allowed_here:
      'Ta strona nie pozwala czatowi używać mikrofonu (ramka bez allow="microphone"). Poinformuj właściciela strony.',
    unsupported:
      'Ta przeglądarka nie może tu prowadzić rozmów głosowych (potrzebny jest WebRTC na bezpiecznej stronie https).',
    call_unreachable: 'Usługa głosowa jest nieosiągalna. Sprawdź połączenie i spróbuj ponownie.',
    call_rejected: 'Usługa głosowa odrzuciła połączenie.',
    call_invalid_answer: 'Usługa głosowa przesłała nieprawidłową odpowiedź.',
    connection_failed:
      'Nie udało się nawiązać połączenia głosowego. Być może blokuje je sieć (połączenia głosowe wymagają UDP).',
    connection_lost: 'Połączenie zostało przerwane. Sprawdź sieć i zacznij od nowa.',
    connect_timeout:
      'Łączenie trwało za długo. Sieć może blokować rozmowy głosowe (wymagają UDP) — sprawdź ją i spróbuj ponownie.',
    channel_closed: 'Usługa głosowa zakończyła rozmowę.',
    server_error: 'Usługa głosowa zgłosiła błąd.',
    server_event_invalid: 'Usługa głosowa przesłała wiadomość, której nie można odczytać.',
    not_connected: 'Najpierw rozpocznij rozmowę.',
    message_too_large: 'Ta wiadomość jest zbyt długa, aby ją wysłać.',
    queue_full: 'Zbyt wiele wiadomości czeka na wysłanie. Zaczekaj chwilę i spróbuj ponownie.',
    tool_failed: 'Działanie na tej stronie nie powiodło się; asystent został o tym poinformowany.',
    voice_locked: 'Nie można zmienić głosu w trakcie rozmowy. Rozpocznij nową.',
    rate_limited: 'Usługa jest teraz przeciążona. Zaczekaj minutę i spróbuj ponownie.',
    service_unavailable: 'Usługa głosowa ma problemy. Spróbuj ponownie za kilka minut.',
    session_expired: 'Ta rozmowa osiągnęła limit czasu. Aby kontynuować, rozpocznij nową.',
    session_rejected:
      'Usługa głosowa odrzuciła ustawienia tego czatu, więc nie mógł się uruchomić. Poinformuj właściciela strony.',
    response_failed: 'Tym razem asystent nie mógł odpowiedzieć.',
    transcription_failed: 'Nie udało się przepisać wypowiedzi na tekst, ale asystent ją usłyszał.',
    load_failed: 'Nie udało się wczytać czatu głosowego. Sprawdź połączenie i spróbuj ponownie.',
    websocket_needs_token:
      'Ten czat głosowy jest skonfigurowany tylko do WebRTC: WebSocket wymaga adresu do pobierania kluczy sesji.',
    network_blocked:
      'Ta sieć blokuje połączenie głosowe, a strona nie oferuje innego sposobu połączenia. Spróbuj w innej sieci.',
    taken_over: 'Rozmowa trwa dalej w innej karcie.',
    control_unavailable: 'Asystent jest teraz zajęty. Spróbuj ponownie za chwilę.',
    audio_format_unsupported: 'Usługa przesłała dźwięk, którego ta strona nie może odtworzyć.',
    endpoint_failed:
      'Czat głosowy na tej stronie teraz nie działa. Spróbuj ponownie później lub daj znać właścicielowi strony.',
  },
};

export default pl;
