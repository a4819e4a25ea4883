// The server's JSON endpoints over plain `fetch` (packages/server/README.md): every failure
// becomes a `SyncError` with a stable code. Binary fields travel as base64.
import { SyncError } from './errors.js';

export interface Doc {
  id: string;
  rev: number;
  deleted: boolean;
  keyId: number;
  writeId: string;
  payload: string;
}

export interface PushItem {
  assumed: { rev: number } | null;
  doc: Doc;
}

export interface Session {
  accountId: string;
  deviceId: string;
  token: string;
  sessionId: string;
}

export interface DeviceSession {
  id: string;
  deviceId: string;
  label: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

type Fetch = typeof fetch;

/** `https://host[:port][/path]` without a trailing slash; `http:` only for localhost. */
export function checkServer(server: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(server));
  } catch {
    // not a URL
  }
  const local = url && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.search || url.hash)
    throw new SyncError(
      'rejected',
      'The sync server must be an https:// address (http:// only on this machine).',
      {
        details: { field: 'server' },
      },
    );
  return url.href.replace(/\/+$/, '');
}

export class SyncApi {
  constructor(
    readonly server: string,
    private readonly fetchFn: Fetch = (...args) => globalThis.fetch(...args),
    public token?: string,
  ) {}

  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; signal?: AbortSignal; anonymous?: boolean } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (!options.anonymous && this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchFn(this.server + path, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new SyncError('network', 'The sync server cannot be reached; changes stay on this device.', {
        cause: error,
      });
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return body as T;
    throw toSyncError(res, body);
  }

  /** Reads `RESYNC <seq>` from the live stream until it ends (or `signal` aborts). */
  async stream(signal: AbortSignal, onResync: (seq: number) => void): Promise<void> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.server}/v1/sync/stream`, {
        headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' },
        signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new SyncError('network', 'The live updates from the sync server stopped.', { cause: error });
    }
    if (!res.ok || !res.body) throw toSyncError(res, await res.json().catch(() => undefined));
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) {
            const m = /^data: RESYNC (\d+)$/.exec(line);
            if (m) onResync(Number(m[1]));
          }
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw new SyncError('network', 'The live updates from the sync server stopped.', { cause: error });
    } finally {
      reader.releaseLock();
    }
  }
}

function toSyncError(res: Response, body: unknown): SyncError {
  const code = (body as { error?: { code?: string } } | undefined)?.error?.code ?? '';
  const details = { status: res.status, code };
  if (res.status === 429) {
    const retryAfterSeconds = Math.max(1, Number(res.headers.get('retry-after')) || 60);
    return new SyncError(
      'too-many-requests',
      `Too many attempts: the server asks to wait ${retryAfterSeconds} s.`,
      { details: { ...details, retryAfterSeconds } },
    );
  }
  if (code === 'bad-credentials')
    return new SyncError('bad-credentials', 'That username and passphrase do not match an account.', {
      details,
    });
  if (code === 'username-taken')
    return new SyncError('username-taken', 'That username is taken on the server.', { details });
  if (res.status === 401)
    return new SyncError('unauthorized', 'The session on the sync server ended: log in again to sync.', {
      details,
    });
  if (res.status >= 500)
    return new SyncError('server', `The sync server failed (${res.status}); it will be tried again.`, {
      details,
    });
  return new SyncError('rejected', `The sync server refused the request (${code || res.status}).`, {
    details,
  });
}
