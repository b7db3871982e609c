/** Base64 of 16-bit PCM samples (little-endian, as every browser's typed arrays are). */
export function pcmToBase64(pcm: Int16Array): string {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and argument lists are limited.
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

/** 16-bit PCM samples from base64; throws on text that is not base64. */
export function base64ToPcm(base64: string): Int16Array {
  const binary = atob(base64);
  const pcm = new Int16Array(binary.length >> 1);
  const bytes = new Uint8Array(pcm.buffer);
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return pcm;
}
