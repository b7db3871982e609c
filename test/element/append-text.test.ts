import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { appendText } from '../../src/element/panel/append-text.js';

describe('appendText: streaming text grows in place', () => {
  it('appends deltas to the same text node, and replaces it when the text changes otherwise', () => {
    const box = document.createElement('p');
    const show = (text: string) => render(html`<span>${appendText(text)}</span>`, box);
    show('Hello');
    const node = box.querySelector('span')!.firstChild!;
    show('Hello, wor');
    show('Hello, world.');
    expect(box.textContent).to.equal('Hello, world.');
    expect(box.querySelector('span')!.firstChild, 'the same node grew').to.equal(node);
    // An interrupted reply cut back to what was spoken, or another item in this place: replaced, never stale.
    show('Hello, w');
    expect(box.textContent).to.equal('Hello, w');
    show('<b>not html</b>');
    expect(box.textContent).to.equal('<b>not html</b>');
    expect(box.querySelector('b')).to.equal(null);
  });
});
