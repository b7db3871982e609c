// React 19 renders custom elements natively: attributes as props, `on<event>` props as DOM event listeners.
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'realtime-voice-chat-element';
import type {
  RealtimeVoiceChat,
  RvcStateEvent,
  RvcTranscriptEvent,
  SessionState,
  TranscriptItem,
} from 'realtime-voice-chat-element';
import '../framework-types.js';

function App({ baseUrl }: { baseUrl: string }) {
  const chat = useRef<RealtimeVoiceChat>(null);
  const [state, setState] = useState<SessionState>('idle');
  const [replies, setReplies] = useState<TranscriptItem[]>([]);
  const [text, setText] = useState('');
  const onTranscript = (e: RvcTranscriptEvent) => {
    const { item } = e.detail;
    if (item.role === 'assistant' && item.status !== 'in_progress')
      setReplies((all) => [...all.filter((r) => r.id !== item.id), item]);
  };
  return (
    <>
      <p>
        React sees the state: <output id="state">{state}</output> · finished replies:{' '}
        <output id="replies">{replies.length}</output>
      </p>
      <button id="start" onClick={() => void chat.current?.start()}>
        Start (from React)
      </button>{' '}
      <button id="stop" onClick={() => chat.current?.stop()}>
        Stop (from React)
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          chat.current?.sendText(text);
          setText('');
        }}
      >
        <input id="text" aria-label="Message sent by React" value={text} onChange={(e) => setText(e.target.value)} />
        <button id="send">Send (from React)</button>
      </form>
      <realtime-voice-chat
        ref={chat}
        token-endpoint="/token"
        base-url={baseUrl}
        muted
        onrvc-state={(e: RvcStateEvent) => setState(e.detail.state)}
        onrvc-transcript={onTranscript}
      />
    </>
  );
}

const root = document.getElementById('app')!;
createRoot(root).render(<App baseUrl={root.dataset.baseUrl!} />);
