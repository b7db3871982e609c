type Scheduler = { yield?: () => Promise<void> };

/**
 * Resolves in a later task, so the browser may handle input and paint in between: `scheduler.yield()` where there is
 * one (the rest of the work keeps its place in line), else a MessageChannel message (no 4 ms clamp, unlike a nested
 * setTimeout).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
