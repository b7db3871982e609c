import type { ConversationItem } from 'openai/resources/realtime/realtime';

/** A conversation item as the service holds it (`object: "realtime.item"`, always with an id). */
export type Item = ConversationItem & { id: string; object?: 'realtime.item' };

/** A client event named an item the conversation does not hold. */
export class UnknownItem extends Error {
  constructor(readonly itemId: string) {
    super(`Item with item_id not found: ${itemId}`);
  }
}

/** The call's conversation: items in order, found by id. */
export class Items {
  #list: Item[] = [];

  get all(): readonly Item[] {
    return this.#list;
  }

  get last(): Item | undefined {
    return this.#list.at(-1);
  }

  get size(): number {
    return this.#list.length;
  }

  find(id: unknown): Item | undefined {
    return typeof id === 'string' ? this.#list.find((item) => item.id === id) : undefined;
  }

  /**
   * Adds an item after `after` (`root` for the first place; undefined or null for the end) and returns the id it
   * now follows. An id the conversation does not hold is an error, as it is for the service.
   */
  insert(item: Item, after?: unknown): string | null {
    let position = this.#list.length;
    if (after === 'root') position = 0;
    else if (after !== undefined && after !== null) {
      const index = this.#list.findIndex((i) => i.id === after);
      if (index < 0) throw new UnknownItem(typeof after === 'string' ? after : JSON.stringify(after));
      position = index + 1;
    }
    this.#list.splice(position, 0, item);
    return this.#list[position - 1]?.id ?? null;
  }

  remove(id: unknown): Item | undefined {
    const index = this.#list.findIndex((item) => item.id === id);
    return index < 0 ? undefined : this.#list.splice(index, 1)[0];
  }

  /** The function call a `function_call_output` answers. */
  callOf(callId: string | undefined): Item | undefined {
    return this.#list.find((item) => item.type === 'function_call' && item.call_id === callId);
  }
}
