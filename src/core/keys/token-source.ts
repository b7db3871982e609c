/** What a host's `getToken()` may return: the key string, the GA reply, or the beta-shaped reply. */
export type TokenReply =
  string | { value: string; expires_at?: number } | { client_secret: { value: string; expires_at?: number } };

/** Where keys come from: the host's endpoint (POSTed, same-origin credentials) or a host function. */
export type TokenSource =
  | {
      endpoint: string;
      getToken?: undefined;
      /** JSON body to POST (e.g. `{model}`); none by default. */ body?: Record<string, unknown> | undefined;
    }
  | { getToken: (signal: AbortSignal) => Promise<TokenReply> | TokenReply; endpoint?: undefined };
