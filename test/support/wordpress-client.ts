/**
 * A browser's view of a WordPress site over plain HTTP: cookies kept, redirects followed, forms posted. Every answer's
 * text is kept in `seen`, so a test can show that the API key appears in none of them.
 */
export class WordPressClient {
  readonly #cookies = new Map<string, string>();
  constructor(
    readonly origin: string,
    readonly seen: string[] = [],
  ) {}

  /** GET or POST (a form) to a path of the site; follows redirects; resolves with the final answer and its text. */
  async request(
    path: string,
    init: {
      form?: Record<string, string>;
      upload?: FormData;
      headers?: Record<string, string>;
      method?: string;
      body?: string;
    } = {},
  ): Promise<{ status: number; text: string; url: string; headers: Headers }> {
    let url = new URL(path, this.origin).href;
    let method = init.method ?? (init.form || init.upload ? 'POST' : 'GET');
    let body: string | FormData | undefined = init.form
      ? new URLSearchParams(init.form).toString()
      : (init.upload ?? init.body);
    let headers: Record<string, string> = {
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...init.headers,
    };
    for (let hops = 0; ; hops++) {
      const response = await fetch(url, {
        method,
        body,
        redirect: 'manual',
        headers: { ...headers, cookie: this.cookieHeader() },
      });
      for (const cookie of response.headers.getSetCookie()) this.#keep(cookie);
      const text = await response.text();
      this.seen.push(`${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location && hops < 10) {
        url = new URL(location, url).href;
        [method, body, headers] = ['GET', undefined, {}];
        continue;
      }
      return { status: response.status, text, url, headers: response.headers };
    }
  }

  /** Signs in through wp-login.php, as the login form does. */
  async signIn(user: string, password: string): Promise<void> {
    await this.request('/wp-login.php'); // sets the test cookie the form checks
    const { url } = await this.request('/wp-login.php', {
      form: {
        log: user,
        pwd: password,
        'wp-submit': 'Log In',
        redirect_to: `${this.origin}/wp-admin/`,
        testcookie: '1',
      },
    });
    if (!url.includes('/wp-admin/')) throw new Error(`${user} could not sign in (ended at ${url})`);
  }

  cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The cookies as a browser context takes them. */
  cookies(): { name: string; value: string; url: string }[] {
    return [...this.#cookies].map(([name, value]) => ({ name, value, url: this.origin }));
  }

  #keep(setCookie: string): void {
    const [pair = ''] = setCookie.split(';');
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    // WordPress clears cookies by setting them empty and expired.
    if (!value || value === 'deleted' || /expires=Thu, 01[- ]Jan[- ]1970/i.test(setCookie)) this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }
}

/** The values a form would send as it stands (WordPress's nonces, referers, settings); `like` matches the form. */
export function formFields(html: string, like: RegExp): Record<string, string> {
  const form = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => like.test(f));
  if (!form) throw new Error(`no form like ${like}`);
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = input.match(/\bname=["']([^"']+)["']/)?.[1];
    const type = input.match(/\btype=["']([^"']+)["']/)?.[1] ?? 'text';
    if (!name || ['submit', 'button'].includes(type) || (type === 'checkbox' && !/\bchecked\b/.test(input))) continue;
    fields[name] = decode(input.match(/\bvalue=["']([^"']*)["']/)?.[1] ?? '');
  }
  for (const [, name, value] of form.matchAll(/<textarea[^>]*name=["']([^"']+)["'][^>]*>([\s\S]*?)<\/textarea>/g))
    fields[name] = decode(value);
  for (const [, name, options] of form.matchAll(/<select[^>]*name=["']([^"']+)["'][^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name] = decode(
      options.match(/<option value=["']([^"']*)["'][^>]*selected/)?.[1] ??
        options.match(/<option value=["']([^"']*)["']/)?.[1] ??
        '',
    );
  }
  return fields;
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
