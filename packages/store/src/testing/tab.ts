// A "second tab" for tests: an iframe with its own document, its own IndexedDB
// connection and its own BroadcastChannel. The parent drives it with postMessage.
import { createIndexedDbStore } from '../factories.js';
import type { MoodStore } from '../types.js';

type Command =
  | { call: number; cmd: 'open'; name: string }
  | { call: number; cmd: 'add'; entry: Record<string, unknown> }
  | { call: number; cmd: 'get'; id: string }
  | { call: number; cmd: 'close' };

let store: MoodStore | undefined;

window.addEventListener('message', async (event: MessageEvent<Command>) => {
  const m = event.data;
  const reply = (result: unknown, error?: string) => parent.postMessage({ call: m.call, result, error }, '*');
  try {
    if (m.cmd === 'open') {
      store = await createIndexedDbStore({ name: m.name, fallback: 'error', persist: false });
      store.subscribe((e) => parent.postMessage({ event: e }, '*'));
      reply(store.persistence);
    } else if (m.cmd === 'add') reply(await store!.add(m.entry));
    else if (m.cmd === 'get') reply(await store!.get(m.id));
    else if (m.cmd === 'close') reply(store?.close());
  } catch (error) {
    reply(undefined, String(error));
  }
});
parent.postMessage({ ready: true }, '*');
