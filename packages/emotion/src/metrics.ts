import { EMOTION_LABELS, type EmotionLabel } from '@moodiary/core';

/** One evaluated example: the true label and the six probabilities (in EMOTION_LABELS order). */
export interface Scored {
  label: EmotionLabel;
  probabilities: number[];
  /** photos mode: whether a face was found (a missed face counts as wrong, with uniform probabilities). */
  faceFound?: boolean;
  /** Why the SDK flagged the answer `uncertain` (empty: it answered); absent where not recorded. */
  uncertainReasons?: readonly string[];
}

/** What abstaining does: how many answers were flagged `uncertain`, why, and how good the rest are. */
export interface Abstention {
  share: number;
  /** Flagged answers per reason (an answer may have several). */
  reasons: Record<string, number>;
  /** The answers not flagged: their count, accuracy and ECE. */
  answered: { n: number; accuracy: number; ece: number };
}

export interface EvalMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  nll: number;
  ece: number;
  faceFound?: number;
  /** Present when the items record `uncertainReasons`. */
  abstention?: Abstention;
  perClass: Record<EmotionLabel, { n: number; recall: number; precision: number; f1: number }>;
  /** confusion[i][j]: examples of labels[i] predicted as labels[j] (photos mode: faces found only). */
  confusion: number[][];
  labels: EmotionLabel[];
}

const argmax = (p: number[]) => p.reduce((best, v, i) => (v > p[best]! ? i : best), 0);

/**
 * Accuracy, macro-F1 (over labels with at least one example), mean negative log-likelihood (natural log,
 * probabilities clamped at 1e-7), expected calibration error of the top label (15 equal-width bins).
 */
export function computeMetrics(items: Scored[], bins = 15): EvalMetrics {
  const L = EMOTION_LABELS.length;
  const confusion = EMOTION_LABELS.map(() => new Array<number>(L).fill(0));
  let correct = 0;
  let nll = 0;
  const binCount = new Array<number>(bins).fill(0);
  const binConf = new Array<number>(bins).fill(0);
  const binAcc = new Array<number>(bins).fill(0);
  let found = 0;
  const perN = new Array<number>(L).fill(0);
  for (const item of items) {
    const t = EMOTION_LABELS.indexOf(item.label);
    const p = item.probabilities;
    const pred = argmax(p);
    const seen = item.faceFound !== false;
    perN[t]!++;
    // A missed face predicts nothing: it lowers recall and accuracy, not another label's precision.
    if (seen) {
      confusion[t]![pred]!++;
      found++;
    }
    const hit = seen && pred === t;
    if (hit) correct++;
    nll -= Math.log(Math.max(p[t]!, 1e-7));
    const conf = p[pred]!;
    const b = Math.min(bins - 1, Math.floor(conf * bins));
    binCount[b]!++;
    binConf[b]! += conf;
    binAcc[b]! += hit ? 1 : 0;
  }
  const n = items.length;
  let ece = 0;
  for (let b = 0; b < bins; b++) if (binCount[b]) ece += Math.abs(binAcc[b]! - binConf[b]!) / Math.max(n, 1);
  const perClass = {} as EvalMetrics['perClass'];
  const f1s: number[] = [];
  EMOTION_LABELS.forEach((label, i) => {
    const row = perN[i]!;
    const tp = confusion[i]![i]!;
    const col = confusion.reduce((a, r) => a + r[i]!, 0);
    const recall = row ? tp / row : 0;
    const precision = col ? tp / col : 0;
    const f1 = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
    perClass[label] = { n: row, recall, precision, f1 };
    if (row > 0) f1s.push(f1);
  });
  const metrics: EvalMetrics = {
    n,
    accuracy: n ? correct / n : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    nll: n ? nll / n : 0,
    ece,
    perClass,
    confusion,
    labels: [...EMOTION_LABELS],
  };
  if (items.some((i) => i.faceFound !== undefined)) metrics.faceFound = n ? found / n : 0;
  if (items.some((i) => i.uncertainReasons !== undefined)) metrics.abstention = abstention(items);
  return metrics;
}

function abstention(items: Scored[]): Abstention {
  const reasons: Record<string, number> = {};
  for (const item of items) for (const r of item.uncertainReasons ?? []) reasons[r] = (reasons[r] ?? 0) + 1;
  const kept = items
    .filter((i) => (i.uncertainReasons ?? []).length === 0)
    .map(({ uncertainReasons: _, ...item }) => item);
  const m = computeMetrics(kept);
  return {
    share: items.length ? 1 - kept.length / items.length : 0,
    reasons,
    answered: { n: m.n, accuracy: m.accuracy, ece: m.ece },
  };
}

/** Parses a CSV with a header row; handles double-quoted fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(names.map((h, i) => [h, (r[i] ?? '').trim()])));
}
