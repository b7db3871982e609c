export declare function ensureChromium(path?: string): boolean;
