import * as tf from '@tensorflow/tfjs';
import { EmotionError } from './errors.js';
import type { BackendPreference } from './types.js';

const isBrowserLike = () =>
  typeof (globalThis as { document?: unknown }).document === 'object' ||
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';

const THREADS_FLAG = 'WASM_HAS_MULTITHREAD_SUPPORT';
let wasmModule: Promise<typeof import('@tensorflow/tfjs-backend-wasm')> | undefined;

/** Registers the WASM backend (once) and points it at its .wasm files. */
async function registerWasm(wasmPaths: string | Record<string, string>) {
  wasmModule ??= import('@tensorflow/tfjs-backend-wasm');
  const wasm = await wasmModule;
  // Paths only matter before the backend's first initialisation.
  const initialised = 'wasm' in (tf.engine() as unknown as { registry: Record<string, unknown> }).registry;
  if (wasmPaths !== undefined && !initialised) wasm.setWasmPaths(wasmPaths as string);
  // Single-threaded unless the host says otherwise: TF.js starts its threads from a blob: worker, which
  // `default-src 'self'` forbids, and the threaded binary is not in the deploy folder.
  if (!initialised && !(THREADS_FLAG in tf.env().getFlags())) tf.env().set(THREADS_FLAG, false);
}

/** The name of the backend the host has already initialised, without initialising one. */
function activeBackend(): string | null {
  const engine = tf.engine() as unknown as { backendName: string | null; backendInstance: unknown };
  return engine.backendInstance ? engine.backendName : null;
}

/**
 * Makes `name` the active backend. Returns the error message on failure.
 */
async function trySet(name: string, wasmPaths: string | Record<string, string>): Promise<string | undefined> {
  try {
    if (name === 'wasm') await registerWasm(wasmPaths);
    if (!(name in tf.engine().registryFactory)) return 'not registered';
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    return undefined;
  } catch (e) {
    return (e as Error)?.message ?? String(e);
  }
}

/** Renderers that draw on the CPU; their WebGL is slower than WASM (SwiftShader ~10× on our CI machine). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The WebGL renderer's name (unmasked where the browser tells it), or `null` without WebGL. */
export function webglRenderer(): string | null {
  try {
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(1, 1)
        : typeof document === 'object'
          ? document.createElement('canvas')
          : null;
    const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // TF.js makes its own context if it needs one
    return name;
  } catch {
    return null;
  }
}

/**
 * The order `auto` tries backends in a browser, from the WebGL renderer's name: a GPU's WebGL first;
 * WASM first where WebGL is drawn in software (it is then several times slower than WASM, and its
 * shader compilation alone takes seconds); no WebGL at all: WASM, then the plain-JS CPU backend.
 */
export function browserBackendOrder(renderer: string | null): string[] {
  if (renderer === null) return ['wasm', 'cpu'];
  return SOFTWARE_RENDERER.test(renderer) ? ['wasm', 'webgl', 'cpu'] : ['webgl', 'wasm', 'cpu'];
}

/**
 * Chooses and initialises the backend. With `auto`, a backend the host already runs is kept (we never
 * switch it behind the host's back); otherwise the fastest that starts: in browsers in the order of
 * {@link browserBackendOrder}, WASM → CPU in Node. An explicit preference sets that backend (TF.js has
 * one global backend: this affects the whole page).
 */
export async function ensureBackend(
  pref: BackendPreference,
  wasmPaths: string | Record<string, string>,
): Promise<string> {
  const active = activeBackend();
  if (pref === 'auto' && active) return active;
  if (pref !== 'auto' && active === pref) return active;
  const order: string[] =
    pref !== 'auto' ? [pref] : isBrowserLike() ? browserBackendOrder(webglRenderer()) : ['wasm', 'cpu'];
  const failures: Record<string, string> = {};
  for (const name of order) {
    const problem = await trySet(name, wasmPaths);
    if (problem === undefined) return name;
    failures[name] = problem;
  }
  throw new EmotionError(
    'backend',
    `No TensorFlow.js backend could start: ${Object.entries(failures)
      .map(([n, why]) => `${n}: ${why}`)
      .join('; ')}.` + (failures['wasm'] ? ' Check that the .wasm files are served (config.wasmPaths).' : ''),
    { details: { tried: order, failures } },
  );
}

/** Switches to `name` after a failure of the current backend (context loss). */
export async function switchBackend(name: string, wasmPaths: string | Record<string, string>): Promise<void> {
  const problem = await trySet(name, wasmPaths);
  if (problem !== undefined)
    throw new EmotionError('backend', `Could not switch to the ${name} backend: ${problem}.`, {
      details: { backend: name },
    });
}

/** The WebGL canvas of the active webgl backend, to watch for context loss. */
export function webglCanvas(): (HTMLCanvasElement | OffscreenCanvas) | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  return backend.gpgpu?.gl?.canvas;
}
