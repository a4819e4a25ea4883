// The elements' manifest (custom-elements.json) is what Storybook's controls and hosts' tools read:
// it must list each element's public API and nothing private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Member {
  name: string;
  kind: string;
  privacy?: string;
  static?: boolean;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
}

function analyze(): Declaration[] {
  // The analyzer takes its outdir relative to the working directory: a scratch folder in the repo.
  mkdirSync('.cache', { recursive: true });
  const out = relative(process.cwd(), mkdtempSync(join('.cache', 'manifest-')));
  try {
    const run = spawnSync(
      process.execPath,
      [
        'node_modules/@custom-elements-manifest/analyzer/cem.js',
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        out,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as {
      modules: { declarations?: Declaration[] }[];
    };
    return manifest.modules.flatMap((m) => m.declarations ?? []);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('the manifest lists every element with its public members only', () => {
  const elements = new Map(
    analyze()
      .filter((d) => d.tagName)
      .map((d) => [d.tagName!, d.members ?? []]),
  );
  for (const tag of ['mood-camera', 'mood-diary', 'mood-songs', 'mood-tracker'])
    assert.ok(elements.has(tag), `${tag} is in the manifest`);
  for (const [tag, members] of elements) {
    const hidden = members.filter((m) => (m.privacy ?? 'public') !== 'public' || m.static);
    assert.deepEqual(hidden, [], `${tag} shows no private, protected or static member`);
  }
  const names = (tag: string) => elements.get(tag)!.map((m) => m.name);
  // Public properties stay; the tracker's private state (loaded entries, the day read) does not.
  assert.ok(names('mood-tracker').includes('store'));
  assert.ok(names('mood-camera').includes('detector'));
  for (const internal of ['loaded', 'dayRead', 'status', 't', 'labelText'])
    assert.ok(!names('mood-tracker').includes(internal), `mood-tracker hides ${internal}`);
});
