export function ensureInstalled(path: string, packages: string[]): boolean;
export function ensureChromium(path?: string): boolean;
