// Sealed caches (month digests, a year's search text) are mostly repeated keys and words:
// deflated they are several times smaller, and IndexedDB reads them several times faster.

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

export const deflate = (bytes: Uint8Array<ArrayBuffer>) => pipe(bytes, new CompressionStream('deflate-raw'));
export const inflate = (bytes: Uint8Array<ArrayBuffer>) =>
  pipe(bytes, new DecompressionStream('deflate-raw'));
