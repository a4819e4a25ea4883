import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Importing on a server (no DOM) must not throw. The import runs in a
// child Node process that compiles the sources with the packages' own TypeScript settings (lit's
// experimental decorators), as a server build of a host app would.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function importOnServer(code: string) {
  return spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', code],
    {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

test('the drop-in entry, every define file and the classes import on a server without a DOM', () => {
  const result = importOnServer(`
    await import('./packages/elements/src/moodiary.ts');
    const mod = await import('./packages/elements/src/index.ts');
    for (const name of ['mood-camera', 'mood-songs', 'mood-tracker', 'mood-sign-in', 'mood-settings', 'mood-diary'])
      await import('./packages/elements/src/define/' + name + '.ts');
    const { defineElement } = await import('./packages/elements/src/internal/mood-element.ts');
    defineElement('mood-camera', mod.MoodCamera);
    console.log(JSON.stringify({
      document: typeof document,
      customElements: typeof customElements,
      classes: [mod.MoodCamera, mod.MoodSongs, mod.MoodTracker, mod.MoodSignIn, mod.MoodSettings, mod.MoodDiary].map((c) => typeof c),
      version: mod.VERSION,
    }));
  `);
  assert.equal(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout.trim().split('\n').pop()!);
  assert.equal(out.document, 'undefined');
  // (lit's Node build may provide a customElements shim; registering into it is harmless.)
  assert.deepEqual(out.classes, Array(6).fill('function'));
  assert.match(out.version, /^\d+\.\d+\.\d+/);
});
