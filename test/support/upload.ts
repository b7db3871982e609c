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
    req.on('error', (e: Error & { code?: string }) => (status ? resolve({ status, sent: answeredAt }) : resolve({ status: e.code ?? e.message, sent })));
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
