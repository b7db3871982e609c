'use client';
// The element on a page, talking to this app's own route: no key of any kind reaches the browser.
import { useEffect } from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'realtime-voice-chat': { 'call-endpoint'?: string; layout?: string };
    }
  }
}

export default function Home() {
  // The element registers itself in the browser only (custom elements do not exist in server rendering).
  useEffect(() => void import('realtime-voice-chat-element'), []);
  return (
    <main>
      <realtime-voice-chat call-endpoint="/api/realtime/call" layout="floating" />
    </main>
  );
}
