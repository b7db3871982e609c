import { randomBytes } from 'node:crypto';

/** An id in the API's style: a prefix and random letters (`item_…`, `resp_…`, `rtc_…`). */
export const newId = (prefix: string, length = 20): string =>
  `${prefix}_${randomBytes(length).toString('base64url').replace(/[-_]/g, '').slice(0, length)}`;
