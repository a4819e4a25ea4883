import type { io } from '@tensorflow/tfjs';
import { EmotionError, modelLoad } from './errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  return (
    head.startsWith('<!doctype') ||
    head.startsWith('<html') ||
    head.startsWith('<head') ||
    head.startsWith('<?xml')
  );
}

/** Fetches `url` and refuses HTTP errors, HTML (an SPA fallback page) and network failures with `model-load`. */
async function fetchBytes(url: string, fetchFn: FetchLike): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (cause) {
    if (cause instanceof EmotionError) throw cause;
    throw modelLoad(url, `the request failed (${(cause as Error)?.message ?? cause})`, {}, cause);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok)
    throw modelLoad(url, `server answered HTTP ${response.status} ${response.statusText}`.trim(), {
      status: response.status,
      contentType,
    });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw modelLoad(url, 'the download broke off', {}, cause);
  }
  if (/text\/html/i.test(contentType) || looksLikeHtml(bytes))
    throw modelLoad(
      url,
      `server returned HTML (content-type "${contentType || 'none'}", ${bytes.length} bytes) instead of the model file. ` +
        'Is the file deployed at this URL, or does a single-page-app fallback answer for it? Set modelBaseUrl.',
      { status: response.status, contentType, size: bytes.length, receivedHtml: true },
    );
  return bytes;
}

export async function fetchJson(url: string, fetchFn: FetchLike): Promise<unknown> {
  const bytes = await fetchBytes(url, fetchFn);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw modelLoad(url, `not valid JSON (${bytes.length} bytes)`, { size: bytes.length }, cause);
  }
}

const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  int8: 1,
};

interface ManifestEntry {
  paths: string[];
  weights: io.WeightsManifestEntry[];
}

/** Bytes a weight takes in the .bin files. */
function weightBytes(w: io.WeightsManifestEntry): number {
  const count = w.shape.reduce((a, b) => a * b, 1);
  const q = w.quantization?.dtype;
  const per = q ? DTYPE_BYTES[q] : DTYPE_BYTES[w.dtype];
  if (per === undefined) throw new Error(`unknown dtype ${q ?? w.dtype} of weight ${w.name}`);
  if (w.dtype === 'string') throw new Error(`string weights are not supported (${w.name})`);
  return count * per;
}

/**
 * Loads a TF.js model.json and its weight files with checks, as plain ModelArtifacts (kept for reloads).
 * `onFile` hears the files fetched so far and how many there are (known once model.json is read).
 */
export async function loadArtifacts(
  url: string,
  fetchFn: FetchLike,
  onFile?: (done: number, total: number) => void,
): Promise<io.ModelArtifacts> {
  const json = (await fetchJson(url, fetchFn)) as {
    modelTopology?: unknown;
    weightsManifest?: ManifestEntry[];
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
    signature?: object;
    userDefinedMetadata?: Record<string, unknown>;
    modelInitializer?: object;
  };
  if (
    typeof json !== 'object' ||
    json === null ||
    typeof json.modelTopology !== 'object' ||
    !json.modelTopology
  )
    throw modelLoad(url, 'not a TensorFlow.js model.json (no "modelTopology")');
  if (!Array.isArray(json.weightsManifest))
    throw modelLoad(url, 'not a TensorFlow.js model.json (no "weightsManifest")');
  const total =
    1 + json.weightsManifest.reduce((n, g) => n + (Array.isArray(g?.paths) ? g.paths.length : 0), 0);
  let done = 1;
  onFile?.(done, total);
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights))
      throw modelLoad(url, 'malformed "weightsManifest" entry');
    let expected: number;
    try {
      expected = group.weights.reduce((sum, w) => sum + weightBytes(w), 0);
    } catch (cause) {
      throw modelLoad(url, (cause as Error).message, {}, cause);
    }
    const parts = await Promise.all(
      group.paths.map(async (p) => {
        const bytes = await fetchBytes(new URL(p, url).href, fetchFn);
        onFile?.(++done, total);
        return bytes;
      }),
    );
    const got = parts.reduce((sum, p) => sum + p.length, 0);
    if (got !== expected) {
      const where = group.paths.map((p) => new URL(p, url).href).join(', ');
      throw modelLoad(
        where,
        `weights are ${got} bytes but ${url} declares ${expected} bytes (truncated or a different model)`,
        {
          size: got,
          expected,
          manifest: url,
        },
      );
    }
    weightSpecs.push(...group.weights);
    buffers.push(...parts);
  }
  const weightData = new Uint8Array(buffers.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of buffers) {
    weightData.set(b, at);
    at += b.length;
  }
  const artifacts: io.ModelArtifacts = {
    modelTopology: json.modelTopology as object,
    weightSpecs,
    weightData: weightData.buffer,
  };
  if (json.format !== undefined) artifacts.format = json.format;
  if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
  if (json.convertedBy != null) artifacts.convertedBy = json.convertedBy;
  if (json.signature !== undefined) artifacts.signature = json.signature;
  if (json.userDefinedMetadata !== undefined)
    artifacts.userDefinedMetadata = json.userDefinedMetadata as Record<string, object>;
  if (json.modelInitializer !== undefined) artifacts.modelInitializer = json.modelInitializer;
  return artifacts;
}

/** An IOHandler serving artifacts already in memory. */
export function memoryHandler(artifacts: io.ModelArtifacts): io.IOHandler {
  return { load: async () => artifacts };
}

/** Loads artifacts through a host IOHandler, wrapping its failures. */
export async function loadFromHandler(handler: io.IOHandler, what: string): Promise<io.ModelArtifacts> {
  if (typeof handler.load !== 'function') throw modelLoad(what, 'the IOHandler has no load() method');
  try {
    return await handler.load();
  } catch (cause) {
    if (cause instanceof EmotionError) throw cause;
    throw modelLoad(what, `the IOHandler failed: ${(cause as Error)?.message ?? cause}`, {}, cause);
  }
}

/**
 * Wraps a fetch with a cache-first Cache Storage lookup, so model files work offline after the first
 * load. Only complete, non-HTML answers are stored. Without Cache Storage (Node, insecure pages) it
 * returns `fetchFn` unchanged.
 */
export function cachedFetch(cacheName: string, fetchFn: FetchLike): FetchLike {
  if (typeof caches !== 'object' || caches === null) return fetchFn;
  return async (url, init) => {
    let cache: Cache | undefined;
    try {
      cache = await caches.open(cacheName);
      const hit = await cache.match(url);
      if (hit) return hit;
    } catch {
      cache = undefined; // storage blocked (private mode): go to the network
    }
    const response = await fetchFn(url, init);
    const type = response.headers.get('content-type') ?? '';
    if (cache && response.ok && !/text\/html/i.test(type))
      await cache.put(url, response.clone()).catch(() => undefined);
    return response;
  };
}

/**
 * Fails a model download (request and body) that takes longer than `ms` with a `model-load` error, so
 * a stalled server never leaves `createEmotionDetector()` hanging.
 */
export function timedFetch(fetchFn: FetchLike, ms: number): FetchLike {
  return async (url, init) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(modelLoad(url, `no complete answer within ${ms / 1000} s (timed out)`, { timeoutMs: ms }));
      }, ms);
    });
    try {
      return await Promise.race([
        (async () => {
          const r = await fetchFn(url, { ...init, signal: controller.signal });
          const body = await r.arrayBuffer();
          return new Response(body, {
            status: r.status || 200,
            statusText: r.statusText,
            headers: r.headers,
          });
        })(),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}
