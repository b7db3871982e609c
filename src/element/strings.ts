import type { Activity, ErrorCode, SessionState } from '../core/index.js';

/** Every piece of UI text. Override any of them with the element's `strings` property. */
export interface UiStrings {
  start: string;
  stop: string;
  send: string;
  inputLabel: string;
  inputPlaceholder: string;
  transcriptLabel: string;
  logLabel: string;
  you: string;
  assistant: string;
  system: string;
  interrupted: string;
  empty: string;
  tool: string;
  voiceMessage: string;
  mute: string;
  talk: string;
  microphone: string;
  /** Status while live, per activity (`listening` with push-to-talk is `pushToTalk`). */
  activities: Record<Exclude<Activity, 'idle'>, string>;
  pushToTalk: string;
  states: Record<SessionState, string>;
  errors: Record<ErrorCode, string>;
}

const en: UiStrings = {
  start: 'Start conversation',
  stop: 'End conversation',
  send: 'Send',
  inputLabel: 'Message',
  inputPlaceholder: 'Type a message…',
  transcriptLabel: 'Conversation',
  logLabel: 'Event log',
  you: 'You',
  assistant: 'Assistant',
  system: 'System',
  interrupted: '(interrupted)',
  empty: 'Press Start and talk, or type a message.',
  tool: 'Action',
  voiceMessage: 'Voice message',
  mute: 'Mute microphone',
  talk: 'Hold to talk',
  microphone: 'Microphone',
  activities: { listening: 'Listening — speak now', 'user-speaking': 'Hearing you…', thinking: 'Thinking…', 'assistant-speaking': 'Speaking…' },
  pushToTalk: 'Hold the button or Space to talk',
  states: { idle: 'Ready', connecting: 'Connecting…', live: 'Live — speak now', ended: 'Conversation ended', failed: 'Could not connect' },
  errors: {
    config_missing: 'This voice chat is not set up: it has no token endpoint.',
    token_unreachable: 'Could not reach the server for a session key. Check your connection and try again.',
    token_http_error: 'The server refused to start a session. Try again later.',
    token_invalid: 'The server sent an unusable session key.',
    token_expired: 'The session key had already expired. Try again.',
    microphone_denied: 'Microphone access is blocked. Allow it in the browser’s address bar, then press Start again.',
    microphone_unavailable: 'No working microphone was found. Connect one and try again.',
    unsupported: 'This browser cannot make voice calls here (it needs WebRTC on a secure https page).',
    call_unreachable: 'Could not reach the voice service. Check your connection and try again.',
    call_rejected: 'The voice service refused the call.',
    call_invalid_answer: 'The voice service sent an invalid answer.',
    connection_failed: 'The voice connection failed. Your network may block it (voice needs UDP).',
    connect_timeout: 'Connecting took too long. Check your connection and try again.',
    channel_closed: 'The voice service ended the conversation.',
    server_error: 'The voice service reported an error.',
    server_event_invalid: 'The voice service sent a message that could not be read.',
    not_connected: 'Start the conversation first.',
    message_too_large: 'That message is too long to send.',
    queue_full: 'Too many messages are waiting. Wait a moment and try again.',
    tool_failed: 'An action on this page failed; the assistant was told.',
    voice_locked: 'The voice cannot change during a conversation. Start a new one.',
  },
};

const ja: UiStrings = {
  start: '会話を開始',
  stop: '会話を終了',
  send: '送信',
  inputLabel: 'メッセージ',
  inputPlaceholder: 'メッセージを入力…',
  transcriptLabel: '会話',
  logLabel: 'イベントログ',
  you: 'あなた',
  assistant: 'アシスタント',
  system: 'システム',
  interrupted: '（中断）',
  empty: '「会話を開始」を押して話しかけるか、メッセージを入力してください。',
  tool: '操作',
  voiceMessage: '音声メッセージ',
  mute: 'マイクをミュート',
  talk: '押して話す',
  microphone: 'マイク',
  activities: { listening: '聞いています — 話しかけてください', 'user-speaking': '聞き取り中…', thinking: '考え中…', 'assistant-speaking': '話しています…' },
  pushToTalk: 'ボタンかスペースキーを押している間だけ話せます',
  states: { idle: '準備完了', connecting: '接続中…', live: '接続中 — 話しかけてください', ended: '会話を終了しました', failed: '接続できませんでした' },
  errors: {
    config_missing: 'この音声チャットは設定されていません（トークンエンドポイントがありません）。',
    token_unreachable: 'セッションキーを取得できませんでした。接続を確認して、もう一度お試しください。',
    token_http_error: 'サーバーがセッションの開始を拒否しました。しばらくしてからお試しください。',
    token_invalid: 'サーバーから受け取ったセッションキーが使用できません。',
    token_expired: 'セッションキーの有効期限が切れていました。もう一度お試しください。',
    microphone_denied: 'マイクへのアクセスがブロックされています。アドレスバーから許可して、もう一度「会話を開始」を押してください。',
    microphone_unavailable: '使用できるマイクが見つかりません。マイクを接続して、もう一度お試しください。',
    unsupported: 'このブラウザーではここで音声通話ができません（https の安全なページで WebRTC が必要です）。',
    call_unreachable: '音声サービスに接続できませんでした。接続を確認して、もう一度お試しください。',
    call_rejected: '音声サービスが通話を拒否しました。',
    call_invalid_answer: '音声サービスから無効な応答が返されました。',
    connection_failed: '音声接続に失敗しました。ネットワークが遮断している可能性があります（音声には UDP が必要です）。',
    connect_timeout: '接続に時間がかかりすぎました。接続を確認して、もう一度お試しください。',
    channel_closed: '音声サービスが会話を終了しました。',
    server_error: '音声サービスがエラーを報告しました。',
    server_event_invalid: '音声サービスから読み取れないメッセージを受信しました。',
    not_connected: '先に会話を開始してください。',
    message_too_large: 'メッセージが長すぎて送信できません。',
    queue_full: '送信待ちのメッセージが多すぎます。少し待ってからお試しください。',
    tool_failed: 'このページの処理が失敗しました。アシスタントには伝えてあります。',
    voice_locked: '会話の途中では声を変えられません。新しい会話を始めてください。',
  },
};

export const LANGUAGES: Record<string, UiStrings> = { en, ja };

/** The strings for a BCP 47 tag (`ja-JP` → ja), English when the language is not offered, with host overrides on top. */
export function stringsFor(lang: string, overrides: Partial<UiStrings> = {}): UiStrings {
  const base = LANGUAGES[lang.toLowerCase().split('-')[0] ?? ''] ?? en;
  return {
    ...base,
    ...overrides,
    states: { ...base.states, ...overrides.states },
    errors: { ...base.errors, ...overrides.errors },
  };
}
