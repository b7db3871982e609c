import { executeServerCommand } from '@web/test-runner-commands';

/** What the visitor sees of `element` now: its pixels, from a screenshot of the page (a worker's canvas included). */
export async function seenPixels(element: Element): Promise<ImageData> {
  const rect = element.getBoundingClientRect();
  const clip = { x: rect.x, y: rect.y, width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
  const base64 = await executeServerCommand<string, typeof clip>('screenshot', clip);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, image.width, image.height);
}

/**
 * The height, in rows, of the tallest run of pixels unlike the background (the top-left pixel) in each of `columns`
 * (fractions of the width): how tall a bar looks where it is drawn.
 */
export function runHeights(pixels: ImageData, columns: number[]): number[] {
  const { data, width, height } = pixels;
  const at = (x: number, y: number) => data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4);
  const background = at(0, 0);
  const unlike = (p: Uint8ClampedArray) =>
    Math.abs(p[0] - background[0]) + Math.abs(p[1] - background[1]) + Math.abs(p[2] - background[2]) > 60;
  return columns.map((fraction) => {
    const x = Math.min(width - 1, Math.floor(fraction * width));
    let rows = 0;
    for (let y = 0; y < height; y++) if (unlike(at(x, y))) rows++;
    return rows;
  });
}
