import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserBackendOrder } from './backend.js';

// Renderer names as browsers report them (WEBGL_debug_renderer_info), software and GPU.
test('auto tries WASM before a software WebGL, WebGL first on a GPU, no WebGL without one', () => {
  for (const software of [
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'Google SwiftShader',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
  ])
    assert.deepEqual(browserBackendOrder(software), ['wasm', 'webgl', 'cpu'], software);
  for (const gpu of [
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
    'Adreno (TM) 640',
    'Mali-G78',
  ])
    assert.deepEqual(browserBackendOrder(gpu), ['webgl', 'wasm', 'cpu'], gpu);
  assert.deepEqual(browserBackendOrder(null), ['wasm', 'cpu']);
});
