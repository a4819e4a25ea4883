import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-settings.js';
import type { MoodSettings } from './mood-settings.js';
import { encryptJsonExport, toJsonExport } from '@moodiary/store';
import { DEFAULT_STRINGS } from '../internal/i18n.js';
import { FakeStore, generateEntries } from '../internal/testing/fakes.js';
import type { MoodEntry } from '@moodiary/store';

const $ = <T extends HTMLElement = HTMLElement>(el: Element, s: string) =>
  el.shadowRoot!.querySelector(s) as T | null;

function fill(el: MoodSettings, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** Every `mood-error` code the element raises. */
function errorsOf(el: MoodSettings) {
  const codes: string[] = [];
  el.addEventListener('mood-error', (e) => codes.push(e.detail.code));
  return codes;
}

/** Entries as the store writes them (with the offset of the place they were made). */
const exportable = (entries: readonly MoodEntry[]) =>
  entries.map((e) => ({ ...e, utcOffset: 540, updatedAt: e.createdAt }));

const notice = (el: MoodSettings) => $(el, '#settings-notice')?.textContent ?? '';

/** The controls a person uses next: none may be left disabled after a failure. */
const disabledControls = (el: MoodSettings) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input, select')]
    .filter((c) => c.disabled)
    .map((c) => c.id);

describe('<mood-settings>', function () {
  this.timeout(30_000);

  for (const lang of ['ko', 'en'] as const) {
    it(`speaks ${lang} and passes axe, with and without the danger zone`, async () => {
      const s = DEFAULT_STRINGS[lang];
      const el = await fixture<MoodSettings>(
        html`<mood-settings lang=${lang} .store=${new FakeStore()}></mood-settings>`,
      );
      expect($(el, 'h2')!.textContent).to.equal(s.settings);
      expect($(el, '#export-json')!.textContent!.trim()).to.equal(s.exportJson);
      expect($(el, 'label[for=backup-pass]')!.textContent).to.equal(s.backupPassphrase);
      expect($<HTMLSelectElement>(el, '#settings-lang')!.value).to.equal(lang);
      expect($(el, '#delete-all'), 'no way to delete a host’s store').to.equal(null);
      await expect(el).to.be.accessible();
      el.deleteDiary = async () => undefined;
      await el.updateComplete;
      expect($(el, '#danger-title')!.textContent).to.equal(s.dangerZone);
      $<HTMLButtonElement>(el, '#delete-all')!.click();
      await el.updateComplete;
      expect($(el, '#delete-form p')!.textContent).to.equal(s.confirmDeleteAll);
      await expect(el).to.be.accessible();
    });
  }

  it('shows why an import failed, changes nothing, and stays usable for the next file', async () => {
    const store = new FakeStore(generateEntries(10, '2026-11-24'));
    const before = store.entries.length;
    const el = await fixture<MoodSettings>(html`<mood-settings lang="en" .store=${store}></mood-settings>`);
    const errors = errorsOf(el);
    await el.importFile(new Blob(['{"format":"moodiary-diary","version":1,"entries":[{"id":1}]}']));
    await el.updateComplete;
    expect(errors).to.deep.equal(['import-failed']);
    expect(notice(el)).to.match(/#\d+:/); // the row and what is wrong with it
    expect($(el, '#settings-notice')!.getAttribute('role')).to.equal('status');
    expect(store.entries).to.have.length(before);
    expect(disabledControls(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    // The next, valid file goes in.
    const more = exportable(generateEntries(10, '2026-10-01', 11)).map((e) => ({ ...e, id: `new-${e.id}` }));
    expect(more).not.to.be.empty;
    await el.importFile(new Blob([toJsonExport(more as never)], { type: 'application/json' }));
    await el.updateComplete;
    expect(notice(el)).to.equal(
      DEFAULT_STRINGS.en.imported.replace('{added}', String(more.length)).replace('{skipped}', '0'),
    );
    expect(store.entries).to.have.length(before + more.length);
    expect(errors).to.deep.equal(['import-failed']);
  });

  it('shows why an export failed in Korean and stays usable', async () => {
    const store = new FakeStore(generateEntries(3));
    const el = await fixture<MoodSettings>(html`<mood-settings lang="ko" .store=${store}></mood-settings>`);
    store.failNext = new Error('읽기 실패');
    const failed = oneEvent(el, 'mood-error');
    $<HTMLButtonElement>(el, '#export-csv')!.click();
    expect((await failed).detail.code).to.equal('export-failed');
    await el.updateComplete;
    expect(notice(el)).to.include('읽기 실패');
    expect(disabledControls(el)).to.deep.equal([]);
    const csv = await el.exportEntries('csv');
    expect(csv).to.include('label_ko');
  });

  it('asks for a backup’s passphrase; a wrong one is said, raises no mood-error, and imports nothing', async () => {
    const store = new FakeStore();
    const el = await fixture<MoodSettings>(html`<mood-settings lang="ko" .store=${store}></mood-settings>`);
    const errors = errorsOf(el);
    const entries = exportable(generateEntries(10, '2026-11-24'));
    expect(entries).not.to.be.empty;
    const backup = await encryptJsonExport(toJsonExport(entries as never), 'backup-pass-1');
    await el.importFile(new Blob([backup], { type: 'application/json' }));
    await el.updateComplete;
    expect(notice(el)).to.equal(DEFAULT_STRINGS.ko.backupNeedsPassphrase);
    fill(el, 'backup-import-pass', 'wrong-pass-9');
    $<HTMLButtonElement>(el, '#backup-import-submit')!.click();
    await waitUntil(() => notice(el) === DEFAULT_STRINGS.ko.backupWrongPassphrase, 'refusal shown', {
      timeout: 10_000,
    });
    expect(errors).to.deep.equal([]);
    expect(store.entries).to.deep.equal([]);
    expect($(el, '#backup-import-form'), 'asks again').to.exist;
    expect(disabledControls(el)).to.deep.equal([]);

    fill(el, 'backup-import-pass', 'backup-pass-1');
    $<HTMLButtonElement>(el, '#backup-import-submit')!.click();
    await waitUntil(() => store.entries.length === entries.length, 'imported', { timeout: 10_000 });
    await el.updateComplete;
    expect($(el, '#backup-import-form')).to.equal(null);
  });

  it('deletes through deleteDiary; a wrong passphrase is said and raises no mood-error', async () => {
    const tries: string[] = [];
    const el = await fixture<MoodSettings>(
      html`<mood-settings lang="en" .store=${new FakeStore()}></mood-settings>`,
    );
    el.deleteDiary = async (passphrase) => {
      tries.push(passphrase);
      if (passphrase !== 'right-one') throw Object.assign(new Error('wrong'), { code: 'wrong-passphrase' });
    };
    const errors = errorsOf(el);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '#delete-all')!.click();
    await el.updateComplete;
    fill(el, 'delete-pass', 'typo');
    $<HTMLButtonElement>(el, '#delete-confirm')!.click();
    await waitUntil(() => notice(el) === DEFAULT_STRINGS.en.wrongPassphrase, 'refusal shown');
    expect(errors).to.deep.equal([]);
    expect($(el, '#delete-form'), 'still asking').to.exist;

    fill(el, 'delete-pass', 'right-one');
    $<HTMLButtonElement>(el, '#delete-confirm')!.click();
    await waitUntil(() => !$(el, '#delete-form'), 'form closed');
    expect(tries).to.deep.equal(['typo', 'right-one']);
    expect(errors).to.deep.equal([]);
  });

  it('changes the language and says so', async () => {
    const el = await fixture<MoodSettings>(
      html`<mood-settings lang="en" .store=${new FakeStore()}></mood-settings>`,
    );
    const changed = oneEvent(el, 'mood-lang-change');
    const select = $<HTMLSelectElement>(el, '#settings-lang')!;
    select.value = 'ko';
    select.dispatchEvent(new Event('change'));
    expect((await changed).detail.lang).to.equal('ko');
    await el.updateComplete;
    expect($(el, 'h2')!.textContent).to.equal(DEFAULT_STRINGS.ko.settings);
  });
});
