import { expect } from '@open-wc/testing';
import { createMemoryStore } from './factories.js';
import { expectCode } from './testing/contract.js';
import { thumbnailFromBlob } from './thumbnail.js';

describe('thumbnailFromBlob', () => {
  it('turns a small canvas image into a thumbnail an opted-in store keeps', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    canvas.getContext('2d')!.fillRect(0, 0, 16, 16);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    const url = await thumbnailFromBlob(blob);
    expect(url).to.match(/^data:image\/png;base64,/);
    const store = createMemoryStore({ allowThumbnails: true });
    const e = await store.add({ label: 'happy', thumbnail: url });
    expect((await store.get(e.id))?.thumbnail).to.equal(url);
  });

  it('refuses other files and big images', async () => {
    await expectCode(thumbnailFromBlob(new Blob(['hi'], { type: 'text/plain' })), 'invalid-entry');
    await expectCode(
      thumbnailFromBlob(new Blob([new Uint8Array(200_000)], { type: 'image/png' })),
      'invalid-entry',
    );
  });
});
