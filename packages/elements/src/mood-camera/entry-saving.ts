import { html } from 'lit';
import type { MoodEntry } from '@moodiary/store';
import { thumbnailOf } from '../internal/camera.js';
import { isoDate } from '../internal/dates.js';
import { toElementsError } from '../internal/errors.js';
import { MoodSaveEvent, MoodSavedEvent } from '../internal/events.js';
import type { MoodEntryDraft } from '../internal/types.js';
import type { CameraContext } from './camera-context.js';
import type { CameraEntry } from './camera-entry.js';
import { shotOf } from './view.js';

/**
 * The entry the form describes now, or null when no face and label are chosen or the words do not
 * fit an entry (the form says why).
 */
export function draftOf(ctx: CameraContext, entry: CameraEntry): MoodEntryDraft | null {
  const { host } = ctx;
  const view = ctx.view();
  const manual = view.kind === 'manual';
  const { words, label } = entry;
  // The day is asked only when writing by hand (a photo is of now).
  if (entry.problems.some((p) => manual || (p !== 'date-future' && p !== 'date-missing'))) return null;
  if (!label) return null;
  const now = new Date();
  const when = { createdAt: now.toISOString(), utcOffset: -now.getTimezoneOffset() };
  const written = {
    note: words.note.trim(),
    tags: [...words.tags],
    songs: entry.keptSongs.map((s) => ({ ...s })),
  };
  if (manual) {
    // Written by hand for today or a missed day, never a day to come.
    const localDate = words.localDate || isoDate(now);
    if (localDate > isoDate(now)) return null;
    return { ...when, localDate, source: 'manual', label, confidence: 1, ...written };
  }
  const index = ctx.selectedFace();
  const result = host.result;
  const face = index === null ? undefined : result?.faces[index];
  if (!face || !result) return null;
  const corrected = label !== face.label || face.uncertain;
  const picture = shotOf(view)?.picture;
  // Cut only now, and only when the host allows it and the user asked for it.
  const thumbnail =
    host.allowThumbnail && entry.keepThumbnail && picture
      ? thumbnailOf(picture, face.box, picture.width / result.width)
      : undefined;
  return {
    ...when,
    localDate: isoDate(now),
    source: corrected ? 'corrected' : 'face',
    label,
    confidence: face.probabilities[label],
    // The model's own view, not the personal adjustment of it: what a later fit learns from.
    probabilities: { ...(face.modelProbabilities ?? face.probabilities) },
    // Stores require the model that produced the probabilities.
    modelVersion: result.modelVersion ?? 'unknown',
    ...written,
    ...(thumbnail ? { thumbnail } : {}),
  };
}

/**
 * Saves the entry the user described: `mood-save` (cancelable), then the store, then `mood-saved`.
 * Does nothing without a chosen face and label. When the store refuses, the form stays as it was,
 * with everything typed and the reason.
 */
export async function saveEntry(ctx: CameraContext, entry: CameraEntry): Promise<void> {
  const { host } = ctx;
  const form = ctx.view();
  const draft = draftOf(ctx, entry);
  if (!draft || (form.kind !== 'result' && form.kind !== 'manual') || form.saving) return;
  const event = new MoodSaveEvent({ draft });
  host.dispatchEvent(event);
  if (event.defaultPrevented) return;
  const hadFocus = host.matches(':focus-within');
  let saved: MoodEntryDraft | MoodEntry = draft;
  const store = host.store;
  if (store) {
    ctx.show({ ...form, saving: true, saveError: '' });
    try {
      saved = await store.add(draft);
    } catch (error) {
      const err = toElementsError(error, 'save-failed');
      const cause = (err.details as { causeCode?: string } | undefined)?.causeCode;
      const saveError =
        cause === 'storage-quota'
          ? host.t('error.save-failed.storage-quota')
          : host.t('error.save-failed', { message: err.message });
      // The form stays as it was, with everything typed and the reason.
      ctx.show({ ...form, saving: false, saveError });
      ctx.report(err);
      return;
    }
  }
  // A corrected or confirmed reading is an answer: fit again (a store that announces changes refits too).
  if (host.store && draft.source !== 'manual') void ctx.personalization.personal?.refresh().catch(() => {});
  ctx.clear({ kind: 'saved' });
  entry.clear();
  void ctx.keepFocus(hadFocus, '#saved');
  host.dispatchEvent(new MoodSavedEvent({ entry: saved, persisted: Boolean(host.store) }));
}

/** After a save: it is said, and "new entry" starts again. */
export function renderSaved(ctx: CameraContext) {
  const { host } = ctx;
  return html`<div part="result" class="saved-view">
    <p class="saved" role="status" id="saved" tabindex="-1">✓ ${host.t('saved')}</p>
    <div part="controls">
      <button type="button" class="primary" @click=${() => host.reset()}>${host.t('newEntry')}</button>
    </div>
  </div>`;
}
