// Evaluation CLI of @moodiary/emotion (Node, WASM backend).
//   npm run eval -- --data DIR [--mode crops|photos] [--model DESCRIPTOR.json] [--json OUT.json]
// DIR/index.csv has a header with at least `path,label` (path relative to DIR). Rows whose label is not
// one of the six are skipped and counted. `crops`: each image is a face crop, classified directly.
// `photos`: detect → crop → classify; a missed face (or an unreadable image) counts as wrong, with
// uniform probabilities for NLL and ECE. Extra options: --split NAME (only rows whose `split` column is
// NAME), --limit N, --backend wasm|cpu, --quiet. --personalize K,… (needs a `subject` column): the
// personal-calibration simulation of personalize.ts, over --seeds N (default 5), with --strength S.
// --degrade dark|bright|blur|small|shift: every image spoiled that way first (degrade.ts), to measure
// abstaining: the report adds how many answers the SDK flagged `uncertain`, why, and how good the rest are.
import { EMOTION_LABELS, isEmotionLabel, type EmotionLabel } from '@moodiary/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeMetrics, parseCsv, type Scored } from '../src/metrics.js';
import { isMoodError } from '@moodiary/core';
import { createEmotionDetector } from '../src/node.js';
import { simulatePersonalization, type PersonRow } from './personalize.js';
import { DEGRADATIONS, degradedPixels, type Degradation } from './degrade.js';

function usage(message?: string): never {
  if (message) console.error(`eval: ${message}`);
  console.error(
    'usage: npm run eval -- --data DIR [--mode crops|photos] [--model DESCRIPTOR.json] [--json OUT.json]',
  );
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      data: { type: 'string' },
      mode: { type: 'string', default: 'crops' },
      model: { type: 'string' },
      json: { type: 'string' },
      limit: { type: 'string' },
      split: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      quiet: { type: 'boolean', default: false },
      personalize: { type: 'string' },
      seeds: { type: 'string', default: '5' },
      strength: { type: 'string' },
      degrade: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (e) {
  usage((e as Error).message);
}
if (args.help) usage();
if (!args.data) usage('--data DIR is required');
if (args.mode !== 'crops' && args.mode !== 'photos')
  usage(`--mode must be crops or photos, got ${args.mode}`);
if (args.backend !== 'wasm' && args.backend !== 'cpu')
  usage(`--backend must be wasm or cpu, got ${args.backend}`);
const ks = args.personalize?.split(',').map(Number) ?? [];
if (ks.some((k) => !Number.isInteger(k) || k < 1))
  usage(`--personalize takes whole numbers, got ${args.personalize}`);
const seeds = Number(args.seeds);
if (!Number.isInteger(seeds) || seeds < 1) usage(`--seeds takes a whole number, got ${args.seeds}`);
const strength = args.strength === undefined ? undefined : Number(args.strength);
if (strength !== undefined && !(strength > 0)) usage(`--strength must be positive, got ${args.strength}`);
if (args.degrade !== undefined && !DEGRADATIONS.includes(args.degrade as Degradation))
  usage(`--degrade takes ${DEGRADATIONS.join('|')}, got ${args.degrade}`);
const degradation = args.degrade as Degradation | undefined;
const mode = args.mode;
const dir = resolve(args.data);
let rows: Record<string, string>[];
try {
  rows = parseCsv(readFileSync(join(dir, 'index.csv'), 'utf8'));
} catch (e) {
  usage(`cannot read ${join(dir, 'index.csv')}: ${(e as Error).message}`);
}
if (rows.length > 0 && (!('path' in rows[0]!) || !('label' in rows[0]!)))
  usage(`${join(dir, 'index.csv')} needs a header with path,label`);
if (ks.length && rows.length > 0 && !('subject' in rows[0]!))
  usage(`--personalize needs a subject column in ${join(dir, 'index.csv')}`);
const inSplit = args.split ? rows.filter((r) => r['split'] === args.split) : rows;
const usable = inSplit.filter((r) => isEmotionLabel(r['label']));
const skipped = inSplit.length - usable.length;
const limit = args.limit ? Number(args.limit) : Infinity;
const todo = usable.slice(0, limit);

const detector = await createEmotionDetector({
  backend: args.backend as 'wasm' | 'cpu',
  ...(args.model ? { model: resolve(args.model) } : {}),
  ...(mode === 'photos' ? { maxFaces: 1 } : {}),
});
await detector.warmup();
const uniform = EMOTION_LABELS.map(() => 1 / EMOTION_LABELS.length);
const scored: Scored[] = [];
let errors = 0;
const started = performance.now();
for (const [i, row] of todo.entries()) {
  const label = row['label'] as EmotionLabel;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(dir, row['path']!));
  } catch (e) {
    errors++;
    if (!args.quiet) console.error(`eval: cannot read ${row['path']}: ${(e as Error).message}`);
    scored.push({ label, probabilities: uniform, ...(mode === 'photos' ? { faceFound: false } : {}) });
    continue;
  }
  try {
    const input = degradation ? degradedPixels(degradation, bytes) : bytes;
    if (mode === 'crops') {
      const r = await detector.classify(input);
      scored.push({
        label,
        probabilities: EMOTION_LABELS.map((l) => r.probabilities[l]),
        uncertainReasons: r.uncertainReasons,
      });
    } else {
      const r = await detector.estimate(input);
      const face = r.faces[0];
      scored.push(
        face
          ? {
              label,
              probabilities: EMOTION_LABELS.map((l) => face.probabilities[l]),
              faceFound: true,
              uncertainReasons: face.uncertainReasons,
            }
          : { label, probabilities: uniform, faceFound: false },
      );
    }
  } catch (e) {
    if (!isMoodError(e)) throw e;
    errors++;
    if (!args.quiet) console.error(`eval: ${row['path']}: ${e.code}: ${e.message}`);
    scored.push({ label, probabilities: uniform, ...(mode === 'photos' ? { faceFound: false } : {}) });
  }
  if (!args.quiet && process.stderr.isTTY && i % 100 === 0) process.stderr.write(`\r${i}/${todo.length}`);
}
const elapsed = performance.now() - started;
if (!args.quiet && process.stderr.isTTY) process.stderr.write('\r');
const metrics = computeMetrics(scored);
const personalize = ks.length
  ? simulatePersonalization(
      todo.map((row, i): PersonRow => ({
        subject: row['subject']!,
        label: scored[i]!.label,
        probabilities: scored[i]!.probabilities,
      })),
      { ks, seeds, ...(strength === undefined ? {} : { strength }) },
    )
  : undefined;
const result = {
  ...metrics,
  ...(personalize ? { personalize } : {}),
  model: { ...detector.model, descriptor: args.model ? resolve(args.model) : 'default' },
  msPerImage: scored.length ? elapsed / scored.length : 0,
  mode,
  ...(degradation ? { degradation } : {}),
  data: dir,
  skipped,
  errors,
  backend: detector.backend,
  flipTTA: detector.config.flipTTA === 'auto' ? detector.descriptor.flipTTA : detector.config.flipTTA,
  zoomTTA: detector.config.zoomTTA === false ? [1] : detector.descriptor.zoomTTA,
};
detector.dispose();

const pct = (v: number) => (100 * v).toFixed(1).padStart(6);
console.log(
  `model ${result.model.name} ${result.model.version}  mode ${mode}  backend ${result.backend}  data ${dir}`,
);
console.log(`label         n  recall  precision    F1`);
for (const l of EMOTION_LABELS) {
  const c = metrics.perClass[l];
  console.log(
    `${l.padEnd(11)} ${String(c.n).padStart(5)}  ${pct(c.recall)}  ${pct(c.precision)}    ${pct(c.f1)}`,
  );
}
console.log(
  `n ${metrics.n}  accuracy ${pct(metrics.accuracy).trim()}%  macro-F1 ${pct(metrics.macroF1).trim()}%  NLL ${metrics.nll.toFixed(4)}  ECE ${metrics.ece.toFixed(4)}` +
    (metrics.faceFound !== undefined ? `  face found ${pct(metrics.faceFound).trim()}%` : '') +
    `  ${result.msPerImage.toFixed(1)} ms/image  skipped ${skipped}  errors ${errors}`,
);
if (metrics.abstention) {
  const a = metrics.abstention;
  const why = Object.entries(a.reasons)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  console.log(
    `${degradation ? `degraded: ${degradation}  ` : ''}flagged uncertain ${pct(a.share).trim()}%${why ? ` (${why})` : ''}` +
      `  answered ${a.answered.n}: accuracy ${pct(a.answered.accuracy).trim()}%  ECE ${a.answered.ece.toFixed(4)}`,
  );
}
console.log('confusion (rows true, columns predicted):');
console.log(' '.repeat(12) + EMOTION_LABELS.map((l) => l.slice(0, 6).padStart(7)).join(''));
metrics.confusion.forEach((row, i) =>
  console.log(EMOTION_LABELS[i]!.padEnd(12) + row.map((v) => String(v).padStart(7)).join('')),
);
for (const p of personalize ?? [])
  console.log(
    `personalize K=${String(p.k).padStart(2)}: ${p.people} people × ${p.seeds} seeds  per-person accuracy ${pct(p.before.meanPersonAccuracy).trim()}% → ${pct(p.after.meanPersonAccuracy).trim()}%` +
      ` (Δ ${(100 * p.meanDelta).toFixed(1)}, 95% CI ${(100 * p.ci95[0]).toFixed(1)}…${(100 * p.ci95[1]).toFixed(1)})` +
      `  macro-F1 ${pct(p.before.macroF1).trim()}% → ${pct(p.after.macroF1).trim()}%  ECE ${p.before.ece.toFixed(3)} → ${p.after.ece.toFixed(3)}` +
      `  worst person ${(100 * p.worstPersonDelta).toFixed(1)}  >2 points worse: ${p.peopleWorseBy2Points}  fit ${p.fitMs.toFixed(2)} ms`,
  );
if (args.json) {
  writeFileSync(resolve(args.json), JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${resolve(args.json)}`);
}
