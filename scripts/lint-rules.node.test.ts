// The markup rule must bite: each way of turning a string into HTML is an error in package code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** Lints `code` as a package source file with the project's config (in a child: no `source` condition). */
async function problems(code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/eslint/bin/eslint.js',
      '--stdin',
      '--stdin-filename',
      'packages/elements/src/sample.ts',
      '--format',
      'json',
    ],
    { input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

test('markup from strings is refused in package code', async () => {
  const cases = [
    "import { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport const x = unsafeHTML;",
    "import { unsafeSVG } from 'lit/directives/unsafe-svg.js';\nexport const x = unsafeSVG;",
    'export function f(el: HTMLElement, s: string) {\n  el.innerHTML = s;\n}',
    'export function f(el: HTMLElement, s: string) {\n  el.outerHTML = s;\n}',
    "export function f(el: HTMLElement, s: string) {\n  el.insertAdjacentHTML('beforeend', s);\n}",
    'export function f(s: string) {\n  document.write(s);\n}',
    'export function f(r: Range, s: string) {\n  return r.createContextualFragment(s);\n}',
  ];
  for (const code of cases) {
    const found = await problems(code);
    assert.ok(
      found.includes('no-restricted-imports') || found.includes('no-restricted-syntax'),
      `not refused:\n${code}\n${found.join(', ')}`,
    );
  }
});

test('text and templates stay allowed', async () => {
  const code =
    "import { html } from 'lit';\nexport const t = (s: string) => html`<p>${s}</p>`;\nexport function f(el: HTMLElement, s: string, w: { write(x: string): void }) {\n  el.textContent = s;\n  w.write(s);\n}\n";
  assert.deepEqual(await problems(code), []);
});
