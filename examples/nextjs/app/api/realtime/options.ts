// What both routes share: the key and the session come from the server's environment, never from the page.
export const handlerOptions = () => ({
  apiKey: process.env.OPENAI_API_KEY ?? '',
  baseUrl: process.env.OPENAI_BASE_URL || undefined,
  allowOrigins: process.env.ALLOW_ORIGINS?.split(','),
  session: { model: 'gpt-realtime', instructions: 'You are a helpful guide to this site.' },
});
