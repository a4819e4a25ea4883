// Timing helpers shared by the Node benchmark (scripts/bench.ts) and the browser one (src/emotion.bench.ts).

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** "median (best)" in ms: the machine is shared, the best run shows the idle speed. */
export const stat = (xs: number[]): string => `${median(xs).toFixed(1)} (best ${Math.min(...xs).toFixed(1)})`;

/** Runs `work` `n` times one after another and summarises the times with {@link stat}. */
export async function timeIt(n: number, work: () => Promise<unknown>): Promise<string> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work();
    xs.push(performance.now() - t);
  }
  return stat(xs);
}
