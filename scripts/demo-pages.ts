/** What a demo page is told about where it runs: `%BASE_URL%` (the Realtime service) and `%MODE%` (`stand-in` | `openai`). */
export interface DemoContext {
  baseUrl: string;
  mode: 'stand-in' | 'openai';
}

/** Fills a demo page's placeholders; the same pages are served by `npm start` and by the browser tests. */
export const fillDemoPage = (html: string, { baseUrl, mode }: DemoContext): string =>
  html.replaceAll('%BASE_URL%', baseUrl).replaceAll('%MODE%', mode);
