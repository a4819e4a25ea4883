import { expect, fixture, html } from '@open-wc/testing';
import { property } from 'lit/decorators.js';
import { MoodElement, defineElement } from './mood-element.js';

let tagCount = 0;
const uniqueTag = () => `mood-base-test-${++tagCount}-${Math.random().toString(36).slice(2, 8)}`;

function captureWarnings(run: () => void): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

class Greeting extends MoodElement {
  @property() name = 'world';
  override render() {
    return html`<p>hello ${this.name}</p>`;
  }
}

describe('defineElement', () => {
  it('registers a tag that renders', async () => {
    const tag = uniqueTag();
    defineElement(tag, class extends Greeting {});
    const el = await fixture<Greeting>(`<${tag} name="diary"></${tag}>`);
    expect(el.shadowRoot!.textContent).to.include('hello diary');
  });

  it('does nothing, silently, when the same class or version registers twice', () => {
    const tag = uniqueTag();
    const first = class extends Greeting {};
    const secondCopy = class extends Greeting {}; // e.g. the bundle loaded twice
    defineElement(tag, first);
    const warnings = captureWarnings(() => {
      defineElement(tag, first);
      defineElement(tag, secondCopy);
    });
    expect(warnings).to.deep.equal([]);
    expect(customElements.get(tag)).to.equal(first);
  });

  it('warns, without throwing, when another version holds the tag', () => {
    const tag = uniqueTag();
    defineElement(tag, class extends Greeting {});
    const newer = class extends Greeting {
      static override readonly version = '9.9.9';
    };
    const warnings = captureWarnings(() => defineElement(tag, newer));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include(`<${tag}>`).and.include('9.9.9').and.include(MoodElement.version);
    expect(customElements.get(tag)).to.not.equal(newer);
  });

  it('keeps properties a host set before the element was defined', async () => {
    const tag = uniqueTag();
    const el = document.createElement(tag) as Greeting;
    el.name = 'early';
    document.body.append(el);
    defineElement(tag, class extends Greeting {});
    await (el as Greeting).updateComplete;
    expect(el.shadowRoot!.textContent).to.include('hello early');
    el.remove();
  });

  it('carries the package version', async () => {
    const pkg = await (await fetch(new URL('../../package.json', import.meta.url))).json();
    expect(MoodElement.version).to.equal(pkg.version);
  });
});
