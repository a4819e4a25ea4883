// Live streams (Server-Sent Events). Each process LISTENs once; a push anywhere sends
// `RESYNC <seq>` to the account's open streams, and revoked sessions lose theirs.
import type { ServerResponse } from 'node:http';
import type { Db } from './db.js';

export const CHANGES = 'entries_changed'; // payload `<account>:<seq>`
export const REVOKED = 'sessions_revoked'; // payload `<account>`
const PING_MS = 25_000;

interface Stream {
  sessionId: string;
  out: ServerResponse;
}

export class StreamHub {
  private readonly byAccount = new Map<string, Set<Stream>>();
  private readonly ping = setInterval(() => this.each((s) => s.out.write(': ping\n\n')), PING_MS).unref();

  /** `stillValid` answers which of the given session ids are live, after a revocation. */
  async start(db: Db, stillValid: (ids: string[]) => Promise<Set<string>>): Promise<void> {
    await db.listen(CHANGES, (payload) => {
      const [account, seq] = payload.split(':');
      for (const s of this.byAccount.get(account!) ?? []) s.out.write(`data: RESYNC ${seq}\n\n`);
    });
    await db.listen(REVOKED, (account) => {
      const streams = [...(this.byAccount.get(account) ?? [])];
      if (streams.length === 0) return;
      void stillValid(streams.map((s) => s.sessionId)).then(
        (live) => streams.filter((s) => !live.has(s.sessionId)).forEach((s) => s.out.end()),
        () => streams.forEach((s) => s.out.end()), // cannot check: clients reconnect and re-authenticate
      );
    });
  }

  open(accountId: string, sessionId: string, out: ServerResponse, seq: number): void {
    const stream = { sessionId, out };
    let set = this.byAccount.get(accountId);
    if (!set) this.byAccount.set(accountId, (set = new Set()));
    set.add(stream);
    out.on('close', () => {
      set.delete(stream);
      if (set.size === 0 && this.byAccount.get(accountId) === set) this.byAccount.delete(accountId);
    });
    out.write(`data: RESYNC ${seq}\n\n`); // every connect: the client catches up first
  }

  get size(): number {
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }

  close(): void {
    clearInterval(this.ping);
    this.each((s) => s.out.end());
  }

  private each(fn: (s: Stream) => void): void {
    for (const set of this.byAccount.values()) for (const s of set) fn(s);
  }
}
