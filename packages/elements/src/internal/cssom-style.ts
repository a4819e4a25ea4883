import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

type Styles = Readonly<Record<string, string>>;

const kebab = (name: string) =>
  name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Like lit's `styleMap`, but always through the CSSOM (`style.setProperty`), never the `style`
 * attribute — lit's `styleMap` writes the attribute on first render, which a strict
 * Content-Security-Policy (`style-src 'self'`) blocks. Use as `style=${cssom({ width: '40%' })}`.
 */
class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style')
      throw new Error('cssom() must be used in the style attribute.');
  }

  render(_styles: Styles): unknown {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Styles]): unknown {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(styles)) {
      const property = kebab(name);
      next.add(property);
      style.setProperty(property, value);
    }
    for (const property of this.previous) if (!next.has(property)) style.removeProperty(property);
    this.previous = next;
    return noChange;
  }
}

export const cssom = directive(CssomStyleDirective);
