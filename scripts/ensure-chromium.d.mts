export function ensureInstalled(path: string, packages: string[], options?: { recommends?: boolean }): boolean;
export function ensureChromium(path?: string): boolean;
