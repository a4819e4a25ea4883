import { expect, fixture, html } from '@open-wc/testing';
import '../define/mood-diary.js';
import '../define/mood-songs.js';

describe('shared styles', () => {
  it('Korean wraps between words, never inside one, in every element', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 120px; font-size: 32px" lang="ko">
        <mood-songs></mood-songs>
        <mood-diary></mood-diary>
      </div>`,
    );
    for (const el of box.querySelectorAll('mood-songs, mood-diary'))
      expect(getComputedStyle(el).wordBreak, el.localName).to.equal('keep-all');
    // A real line box: "나의 무드 다이어리" in a narrow element breaks only at its spaces.
    const probe = document.createElement('p');
    probe.textContent = '나의 무드 다이어리';
    box.querySelector('mood-songs')!.shadowRoot!.append(probe);
    const range = document.createRange();
    const text = probe.firstChild!;
    const lineOf = (i: number) => {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return Math.round(range.getBoundingClientRect().top);
    };
    const word = '나의 무드 다이어리'.indexOf('다이어리');
    expect(new Set([0, 1, 2, 3].map((k) => lineOf(word + k))).size, 'one line for 다이어리').to.equal(1);
    expect(lineOf(word)).to.be.greaterThan(lineOf(0), 'the narrow box did wrap');
  });
});
