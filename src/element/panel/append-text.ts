import { noChange } from 'lit';
import { Directive, directive } from 'lit/directive.js';

/**
 * Streaming text only grows at its end. Appending the new characters to the same text node lets the browser reshape
 * just the tail of the paragraph; replacing the whole string (what a plain binding does) reshapes all of it.
 */
class AppendText extends Directive {
  #node: Text | undefined;

  render(text: string): unknown {
    return text;
  }

  override update(_part: unknown, [text]: [string]): unknown {
    const node = this.#node;
    if (node && text.startsWith(node.data)) {
      if (text.length > node.data.length) node.appendData(text.slice(node.data.length));
      return noChange;
    }
    return (this.#node = document.createTextNode(text));
  }
}

export const appendText = directive(AppendText);
