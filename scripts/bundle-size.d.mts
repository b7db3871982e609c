export declare const BUDGET_GZIP_BYTES: number;
export declare function sizeOf(path: string): { raw: number; gzip: number; brotli: number };
