// A hostile upload: `size` bytes in 64 KiB chunks made on the fly (the client keeps none of them), stopped as soon as
// the server answers.
import { request } from 'node:http';

/** What came back (a status, or the socket error when the server hung up first) and how many bytes went out by then. */
export interface Upload {
  status: number | string;
  sent: number;
}

export function upload(url: string, headers: Record<string, string>, size: number, chunked: boolean): Promise<Upload> {
  return new Promise((resolve) => {
    const all = chunked ? headers : { ...headers, 'content-length': String(size) };
    const req = request(url, { method: 'POST', headers: all });
    let status: number | undefined;
    let sent = 0;
    let answeredAt = 0;
    req.on('response', (res) => {
      status = res.statusCode;
      answeredAt = sent;
      res.resume();
      res.on('end', () => resolve({ status: status!, sent: answeredAt }));
    });
    // The server hangs up on a body it will not read: the client's writes fail after the answer, as they should.
    req.on('error', (e: Error & { code?: string }) =>
      status ? resolve({ status, sent: answeredAt }) : resolve({ status: e.code ?? e.message, sent }),
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (sent < size && status === undefined) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/**
 * A request that announces `size` bytes and sends none of them until it is answered: a refusal from the length alone
 * arrives with its body, and no write can race the server's hang-up (which fetch reports as EPIPE now and then).
 */
export function announce(
  url: string,
  headers: Record<string, string>,
  size: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(size) } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on('error', reject);
    // A server that waits for the body before deciding never answers this: say so rather than hang the suite.
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${size} bytes announced and none sent`)));
    req.flushHeaders();
  });
}
