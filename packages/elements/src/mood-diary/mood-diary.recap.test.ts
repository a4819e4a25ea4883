import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-diary.js';
import type { MoodDiary } from './mood-diary.js';
import { FakeDetector } from '../internal/testing/fakes.js';
import { MoodSavedEvent } from '../internal/events.js';
import { todayIso } from '../internal/dates.js';
import { createMemoryStore } from '@moodiary/store';

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement | null;

describe('<mood-diary>: today’s recap', () => {
  it('shows today’s entries, mood and song once written, offers “add another”, and shows it again on return', async () => {
    const store = createMemoryStore();
    const mount = (lang = 'en') =>
      fixture<MoodDiary>(
        html`<mood-diary lang=${lang} .store=${store} .detector=${new FakeDetector()}></mood-diary>`,
      );
    // Nothing written today: the camera, no recap.
    const empty = await mount();
    await waitUntil(() => $(empty, '#camera'));
    await new Promise((r) => setTimeout(r, 100));
    expect($(empty, '#recap')).to.equal(null);
    expect($(empty, '#camera')!.hidden).to.equal(false);
    empty.remove();

    await store.add({ label: 'happy', note: '친구와 산책', tags: ['산책'], localDate: todayIso() });
    const el = await mount();
    await waitUntil(() => $(el, '#recap'), 'the recap');
    const recap = $(el, '#recap')!;
    expect(recap.textContent).to.include('Today so far').and.include('Today’s mood: Happy');
    expect(recap.textContent).to.include('친구와 산책').and.include('#산책');
    await waitUntil(() => recap.querySelector('.recap-song'), 'the day’s song');
    expect(recap.querySelector('.recap-song')!.textContent).to.include('Song of the day');
    for (const a of recap.querySelectorAll('a')) expect(new URL(a.href).protocol).to.equal('https:');
    expect($(el, '#camera')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();

    // Add another: the camera comes back; once saved, the recap shows both entries.
    ($(el, '#add-another') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '#recap')).to.equal(null);
    expect($(el, '#camera')!.hidden).to.equal(false);
    const entry = await store.add({ label: 'sad', note: 'Rain later', localDate: todayIso() });
    $(el, '#camera')!.dispatchEvent(new MoodSavedEvent({ entry, persisted: true }));
    await waitUntil(() => $(el, '#recap')?.textContent?.includes('Rain later'), 'the recap again');
    expect($(el, '#recap')!.querySelectorAll('li[data-entry-id]')).to.have.length(2);

    // In Korean too.
    const ko = await mount('ko');
    await waitUntil(() => $(ko, '#recap'));
    expect($(ko, '#recap')!.textContent).to.include('오늘의 기록');
    expect($(ko, '#add-another')!.textContent).to.include('기록 하나 더 남기기');
    store.close();
  });
});
