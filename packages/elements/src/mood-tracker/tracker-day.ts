import { html, nothing } from 'lit';
import { EMOTION_LABELS } from '@moodiary/core';
import type { EntryStore, MoodEntry } from '@moodiary/store';
import type { SongTitle } from '@moodiary/songs';
import { cssom } from '../internal/cssom-style.js';
import { drawn } from '../internal/picture.js';
import { defaultCatalogue } from '../internal/defaults.js';
import { readEntries } from '../internal/day-songs.js';
import { toElementsError } from '../internal/errors.js';
import {
  MoodDeletedEvent,
  MoodEntrySelectEvent,
  MoodErrorEvent,
  MoodUpdatedEvent,
  MoodWriteDayEvent,
  type MoodEntryChangeEvent,
} from '../internal/events.js';
import type { StringKey } from '../internal/i18n.js';
import type { MoodEntryValue } from '../internal/types.js';
import { byTime, readableEntries } from './mood-tracker.data.js';
import type { TrackerContext } from './tracker-context.js';
import type { DaySongsController, OpenDay } from './tracker-songs.js';

/**
 * What is being done to one entry of the open day: edited (with the words as typed, whether the store
 * is writing them, and why it refused), or its delete awaiting a yes. One at a time.
 */
type EntryAction =
  | {
      readonly kind: 'edit';
      readonly id: string;
      readonly words: MoodEntryValue;
      readonly saving: boolean;
      readonly error: string;
    }
  | { readonly kind: 'confirm-delete'; readonly id: string };

/** What the day dialog says after a delete: a failure (alert) or how it was done (status), maybe with an undo. */
interface DayNotice {
  readonly text: string;
  readonly alert: boolean;
  readonly undo?: string;
}

/**
 * The open day: its dialog with the day's entries (mood mix, note, tags, songs, thumbnail), each to
 * edit (in `<mood-entry-form>`) or delete (with an undo from the store's trash).
 */
export class DayDetailController {
  private openDate: string | null = null;
  /** The open day's entries read whole from the store (a summarising store's day outside the moments). */
  private dayRead: { readonly date: string; readonly entries: readonly MoodEntry[] } | null = null;
  private dayRun = 0;
  private action: EntryAction | null = null;
  private notice: DayNotice | null = null;
  private songTitles = new Map<string, SongTitle>();
  /** A day's entries among those held whole, by date, for the entries they were found in. */
  private held: { readonly from: readonly MoodEntry[]; readonly byDate: Map<string, MoodEntry[]> } | null =
    null;
  /** Set by the tracker: the day songs (shown in the dialog). */
  songs: DaySongsController | null = null;

  constructor(
    private readonly ctx: TrackerContext,
    /** A tag was chosen in an entry: the tracker searches for it. */
    private readonly findTag: (tag: string) => void,
  ) {}

  /** The open day and its entries whole (`null` until read), or `null` when no day is open. */
  get open(): OpenDay | null {
    return this.openDate ? { date: this.openDate, entries: this.dayEntries(this.openDate) } : null;
  }

  /** A new store: what was read of the last one goes. */
  reset(): void {
    this.dayRead = null;
  }

  /** The store was read again: an open day is read again too. */
  refreshed(): void {
    if (this.openDate) void this.readDay(this.openDate);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.ctx.host.renderRoot.querySelector('dialog');
  }

  /** Opens a day's entries. */
  openDay(date: string): void {
    this.openDate = date;
    this.action = null;
    this.notice = null;
    this.ctx.host.requestUpdate();
    if (this.dayEntries(date)) this.selected(date);
    else void this.readDay(date);
    void this.ctx.host.updateComplete.then(() => {
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  close(): void {
    this.dialog?.close();
    this.openDate = null;
    this.ctx.host.requestUpdate();
  }

  /** Tells the host which day was opened, and finds its songs' titles. */
  private selected(date: string) {
    const entries = this.dayEntries(date) ?? [];
    this.ctx.host.dispatchEvent(
      new MoodEntrySelectEvent({ date, entry: entries[entries.length - 1] ?? null }),
    );
    void this.lookupSongs(entries);
  }

  /**
   * A day's entries whole, oldest first: from the entries given (or a simple store's), one of the
   * moments, or the store once read for the dialog; `null` until then. The same list while nothing changed.
   */
  dayEntries(date: string): readonly MoodEntry[] | null {
    const ctx = this.ctx;
    if (!ctx.periodStore()) {
      const readable = ctx.readable();
      if (this.held?.from !== readable) this.held = { from: readable, byDate: new Map() };
      let list = this.held.byDate.get(date);
      if (!list) {
        list = readable.filter((e) => e.localDate === date && !e.deletedAt).sort(byTime);
        this.held.byDate.set(date, list);
      }
      return list;
    }
    const read = ctx.storeFigures();
    const moment = read && Object.values(read.moments).find((m) => m.date === date);
    if (moment) return moment.entries;
    return this.dayRead?.date === date ? this.dayRead.entries : null;
  }

  /** Reads the open day's entries whole (the store's summaries hold no notes, tags or songs). */
  private async readDay(date: string) {
    const store = this.ctx.periodStore();
    if (!store) return;
    const run = ++this.dayRun;
    const first = this.dayRead?.date !== date;
    try {
      const entries = await readEntries(store, { from: date, to: date });
      if (run !== this.dayRun || store !== this.ctx.store()) return;
      this.dayRead = { date, entries: readableEntries(entries).entries.slice().sort(byTime) };
      this.ctx.host.requestUpdate();
      if (first) this.selected(date);
    } catch (error) {
      if (run !== this.dayRun) return;
      const err = toElementsError(error, 'load-failed');
      this.ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private async lookupSongs(entries: readonly MoodEntry[]) {
    const ids = entries.flatMap((e) => e.songs?.map((s) => s.id) ?? []);
    const missing = ids.filter((id) => !this.songTitles.has(id));
    if (missing.length === 0) return;
    const given = this.ctx.catalogue();
    let catalogue: readonly SongTitle[] = given ?? [];
    if (!given) {
      try {
        catalogue = await defaultCatalogue();
      } catch {
        return;
      }
    }
    const map = new Map(this.songTitles);
    for (const song of catalogue) if (missing.includes(song.id)) map.set(song.id, song);
    this.songTitles = map;
    this.ctx.host.requestUpdate();
  }

  private setAction(action: EntryAction | null) {
    this.action = action;
    this.ctx.host.requestUpdate();
  }

  private setNotice(notice: DayNotice | null) {
    this.notice = notice;
    this.ctx.host.requestUpdate();
  }

  render() {
    const { host } = this.ctx;
    const date = this.openDate;
    const entries = date ? this.dayEntries(date) : null;
    const songs = this.songs;
    return html`<dialog
      part="detail-dialog"
      aria-labelledby="detail-title"
      @close=${() => {
        this.openDate = null;
        host.requestUpdate();
      }}
    >
      ${
        date
          ? html`<div part="detail">
              <div class="detail-head">
                <h3 id="detail-title">
                  ${host.t('entriesOn', { date: this.ctx.formatDate(date, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }) })}
                </h3>
                <button type="button" class="link" @click=${() => this.close()}>${host.t('close')}</button>
              </div>
              ${songs?.has(date) ? html`<section class="detail-song" aria-label=${host.t('daySong')}>${songs.render(date)}</section>` : nothing}
              ${songs?.renderNotice() ?? nothing}
              ${
                this.notice
                  ? html`<p
                      class=${this.notice.alert ? 'error' : 'muted'}
                      role=${this.notice.alert ? 'alert' : 'status'}
                    >
                      ${this.notice.text}
                      ${
                        this.notice.undo
                          ? html`<button
                              type="button"
                              class="link"
                              data-action="undo"
                              @click=${this.undoDelete}
                            >
                              ${host.t('undo')}
                            </button>`
                          : nothing
                      }
                    </p>`
                  : nothing
              }
              ${
                !entries
                  ? html`<p class="muted" role="status">${host.t('loading')}</p>`
                  : entries.length
                    ? entries.map((e) => this.renderEntry(e))
                    : this.renderEmptyDay(date)
              }
            </div>`
          : nothing
      }
    </dialog>`;
  }

  /** A day without entries; up to today, unless read-only, the user may write for it. */
  private renderEmptyDay(date: string) {
    const { host } = this.ctx;
    const canWrite = !this.ctx.readonly() && date <= this.ctx.today();
    return html`<p class="muted">${host.t('noEntry')}</p>
      ${
        canWrite
          ? html`<p class="row">
              <button
                type="button"
                class="primary"
                data-action="write-day"
                @click=${() => this.writeDay(date)}
              >
                ${host.t('writeForDay')}
              </button>
            </p>`
          : nothing
      }`;
  }

  /** Asks the host (the diary opens its entry form on that day) to write for the day; the dialog closes. */
  private writeDay(date: string) {
    this.close();
    this.ctx.host.dispatchEvent(new MoodWriteDayEvent({ date }));
  }

  private renderEntry(entry: MoodEntry) {
    const { host } = this.ctx;
    const time = new Date(entry.createdAt).toLocaleTimeString(this.ctx.locale(), {
      hour: 'numeric',
      minute: '2-digit',
    });
    const action = this.action?.id === entry.id ? this.action : null;
    const editing = action?.kind === 'edit';
    return html`<article part="entry" class="mood-${entry.label}" data-entry-id=${entry.id}>
      <div class="entry-head">
        ${entry.thumbnail ? html`<canvas class="thumb" role="img" aria-label=${host.t('photo')} ${drawn(entry.thumbnail)}></canvas>` : nothing}
        <div>
          <p class="moment-label">
            <span class="dot" aria-hidden="true"></span>${host.labelText(entry.label)}
          </p>
          <p class="muted">
            ${time}${entry.source ? ` · ${host.t('from', { source: host.t(`source.${entry.source}` as StringKey) })}` : ''}${entry.confidence !== undefined && entry.source === 'face' ? ` · ${Math.round(entry.confidence * 100)}%` : ''}
          </p>
        </div>
      </div>
      ${entry.probabilities ? this.renderMix(entry) : nothing}
      ${action?.kind === 'edit' ? this.renderEditor(entry, action) : entry.note ? html`<p class="note">${entry.note}</p>` : nothing}
      ${
        !editing && entry.tags?.length
          ? html`<ul class="tags" aria-label=${host.t('tagsLabel')}>
              ${entry.tags.map(
                (tag) =>
                  html`<li>
                    <button type="button" class="tag" data-tag=${tag} @click=${() => this.findTag(tag)}>
                      #${tag}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        entry.songs?.length
          ? html`<div>
              <strong>${host.t('songsInEntry')}</strong>
              <ul class="songs">
                ${entry.songs.map((s) => {
                  const song = this.songTitles.get(s.id);
                  return html`<li>
                    ${song ? `${song.title} · ${song.artist}` : s.id}${s.played ? ' ♪' : ''}
                  </li>`;
                })}
              </ul>
            </div>`
          : nothing
      }
      ${
        this.ctx.readonly() || editing
          ? nothing
          : action?.kind === 'confirm-delete'
            ? html`<div class="row" role="group" aria-label=${host.t('confirmDelete')}>
                <span>${host.t('confirmDelete')}</span>
                <button
                  type="button"
                  class="danger"
                  data-action="confirm-delete"
                  @click=${() => void this.removeEntry(entry)}
                >
                  ${host.t('delete')}
                </button>
                <button type="button" @click=${() => this.setAction(null)}>${host.t('cancel')}</button>
              </div>`
            : html`<div class="row">
                <button type="button" data-action="edit" @click=${() => this.startEdit(entry)}>
                  ${host.t('edit')}
                </button>
                <button
                  type="button"
                  class="danger"
                  data-action="delete"
                  @click=${() => this.setAction({ kind: 'confirm-delete', id: entry.id })}
                >
                  ${host.t('delete')}
                </button>
              </div>`
      }
    </article>`;
  }

  /** The model's six probabilities of a face entry, as one stacked bar with a text equivalent. */
  private renderMix(entry: MoodEntry) {
    const { host } = this.ctx;
    const p = entry.probabilities!;
    const sorted = [...EMOTION_LABELS].sort((a, b) => p[b] - p[a]);
    const text = sorted
      .filter((l) => p[l] >= 0.05)
      .map((l) => `${host.labelText(l)} ${Math.round(p[l] * 100)}%`)
      .join(', ');
    return html`<div class="mix" role="img" aria-label=${`${host.t('probabilities')}: ${text}`}>
      <div class="stack" aria-hidden="true">
        ${EMOTION_LABELS.map((l) => (p[l] > 0 ? html`<span class="mood-${l}" style=${cssom({ width: `${p[l] * 100}%` })}></span>` : nothing))}
      </div>
      <p class="fine muted" aria-hidden="true">${text}</p>
    </div>`;
  }

  private startEdit(entry: MoodEntry) {
    const words = {
      label: entry.label,
      note: entry.note ?? '',
      tags: entry.tags ?? [],
      localDate: entry.localDate,
    };
    this.setAction({ kind: 'edit', id: entry.id, words, saving: false, error: '' });
  }

  /** The entry form, holding what the user typed until the store took it (a refused edit keeps every word). */
  private renderEditor(entry: MoodEntry, action: Extract<EntryAction, { kind: 'edit' }>) {
    const { host } = this.ctx;
    return html`<mood-entry-form
      lang=${host.language}
      theme=${host.theme}
      .strings=${host.strings}
      today=${this.ctx.today()}
      state=${action.saving ? 'busy' : 'ready'}
      .value=${action.words}
      @mood-entry-change=${(e: MoodEntryChangeEvent) => this.onEditChange(entry.id, e)}
      @mood-entry-submit=${() => void this.edit(entry)}
    >
      ${action.error ? html`<p class="error" role="alert">${action.error}</p>` : nothing}
      <button slot="actions" type="button" @click=${() => this.setAction(null)}>${host.t('cancel')}</button>
    </mood-entry-form>`;
  }

  private onEditChange(id: string, event: MoodEntryChangeEvent) {
    const action = this.action;
    if (action?.kind === 'edit' && action.id === id) this.setAction({ ...action, words: event.detail.value });
  }

  /** Writes the open editor's words to the entry; on failure the editor stays, with the words and why. */
  private async edit(entry: MoodEntry) {
    const { host } = this.ctx;
    const action = this.action;
    if (action?.kind !== 'edit' || action.id !== entry.id || action.saving || !action.words.label) return;
    const { label, note, tags } = action.words;
    const patch = {
      label,
      note: note.trim(),
      tags: [...tags],
      ...(label !== entry.label
        ? {
            source: entry.source === 'manual' ? ('manual' as const) : ('corrected' as const),
            confidence: entry.probabilities?.[label] ?? 1,
          }
        : {}),
    };
    this.setAction({ ...action, saving: true, error: '' });
    const store = this.ctx.store();
    try {
      const updated = store ? await store.update(entry.id, patch) : ({ ...entry, ...patch } as MoodEntry);
      if (!store) this.ctx.editEntries((all) => all.map((e) => (e.id === entry.id ? updated : e)));
      if (this.action?.id === entry.id) this.setAction(null);
      host.dispatchEvent(new MoodUpdatedEvent({ entry: updated }));
      if (store) await this.ctx.reload();
    } catch (error) {
      const err = toElementsError(error, 'update-failed');
      const current = this.action;
      if (current?.kind === 'edit' && current.id === entry.id)
        this.setAction({ ...current, saving: false, error: host.t('editFailed', { message: err.message }) });
      host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /** Brings back the entry just deleted (from the store's trash). */
  private readonly undoDelete = async () => {
    const { host } = this.ctx;
    const store = this.ctx.store();
    const id = this.notice?.undo;
    if (!id || !store?.restore) return;
    try {
      await store.restore(id);
      this.setNotice({ text: host.t('restored'), alert: false });
      await this.ctx.reload();
    } catch (error) {
      const err = toElementsError(error, 'update-failed');
      this.setNotice({ text: host.t('editFailed', { message: err.message }), alert: true });
      host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  };

  /** Deletes an entry the user confirmed; a failure is said in the dialog. */
  private async removeEntry(entry: MoodEntry) {
    const { host } = this.ctx;
    const store = this.ctx.store();
    this.setNotice(null);
    try {
      if (store) await this.deleteFromStore(store, entry.id);
      else this.ctx.editEntries((all) => all.filter((e) => e.id !== entry.id));
      this.setAction(null);
      host.dispatchEvent(new MoodDeletedEvent({ id: entry.id }));
      if (store) await this.ctx.reload();
    } catch (error) {
      const err = toElementsError(error, 'delete-failed');
      this.setNotice({ text: host.t('deleteFailed', { message: err.message }), alert: true });
      host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /**
   * On a full disk there is no room to keep an entry in the trash (a small write the browser
   * refuses): it is then deleted for good, which frees space, and the dialog says so.
   */
  private async deleteFromStore(store: EntryStore, id: string) {
    const { host } = this.ctx;
    try {
      await store.delete(id);
      // In the trash: one tap brings it back (the store's `restore`).
      if (store.restore) this.setNotice({ text: host.t('entryDeleted'), alert: false, undo: id });
    } catch (error) {
      if ((error as { code?: string } | null)?.code !== 'storage-quota' || !store.purge) throw error;
      await store.purge(id);
      this.setNotice({ text: host.t('deletedForGood'), alert: false });
    }
  }
}
