import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** What a message's text box shows (the rich-text chunk's view); `update` gets the whole text each frame it streams. */
export interface TextView {
  update(text: string, streaming: boolean): void;
  dispose(): void;
}
export type TextViewFactory = (box: HTMLElement) => TextView;

/**
 * Hands an element's children to a view object that updates them itself (Lit never touches them): the view keeps
 * settled blocks and appends to the streaming one. A new factory (another link target) builds the view again.
 */
class ViewOf extends Directive {
  #view?: TextView;
  #make?: TextViewFactory;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('textView goes on an element');
  }

  render(_make: TextViewFactory, _text: string, _streaming: boolean): unknown {
    return noChange;
  }

  override update(part: ElementPart, [make, text, streaming]: [TextViewFactory, string, boolean]): unknown {
    if (make !== this.#make) {
      this.#view?.dispose();
      this.#view = make(part.element as HTMLElement);
      this.#make = make;
    }
    this.#view!.update(text, streaming);
    return noChange;
  }
}

export const textView = directive(ViewOf);
