import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define/mood-entry-form.js';
import type { MoodEntryForm } from './mood-entry-form.js';
import { MoodEntryChangeEvent, type MoodEntrySubmitEvent } from '../internal/events.js';

const TODAY = '2026-11-24';
const $ = <T extends Element = HTMLElement>(el: MoodEntryForm, s: string) =>
  el.shadowRoot!.querySelector(s) as T | null;

async function form(attrs: Partial<MoodEntryForm> = {}, lang = 'en') {
  const el = await fixture<MoodEntryForm>(
    html`<mood-entry-form lang=${lang} today=${TODAY}></mood-entry-form>`,
  );
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

const submit = (el: MoodEntryForm) => $<HTMLButtonElement>(el, '[part=save]')!;

describe('<mood-entry-form>', () => {
  it('offers the labels, keeps what is typed, and tells the host on every edit', async () => {
    const el = await form({ value: { label: null, note: '', tags: [], localDate: '' } });
    expect(
      [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=label]')].map((i) => i.value),
    ).to.deep.equal(['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed']);
    expect(submit(el).disabled, 'no label yet').to.equal(true);
    const changes: MoodEntryChangeEvent[] = [];
    el.addEventListener('mood-entry-change', (e) => changes.push(e));
    $<HTMLInputElement>(el, 'input[value=sad]')!.click();
    type($<HTMLTextAreaElement>(el, '[part=note]')!, 'Rain all day');
    type($<HTMLInputElement>(el, '[part=tags]')!, '#walk, 친구 #walk');
    await el.updateComplete;
    const last = changes[changes.length - 1]!;
    expect(last).to.be.instanceOf(MoodEntryChangeEvent);
    expect(last.bubbles && last.composed).to.equal(true);
    expect(last.detail.value).to.deep.equal({
      label: 'sad',
      note: 'Rain all day',
      tags: ['walk', '친구'],
      localDate: TODAY,
    });
    expect(last.detail.problems).to.deep.equal([]);
    expect(el.value).to.deep.equal(last.detail.value);
    // The tags stay as typed, and the host giving the value back changes nothing on screen.
    el.value = { ...last.detail.value };
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[part=tags]')!.value).to.equal('#walk, 친구 #walk');
    expect($<HTMLTextAreaElement>(el, '[part=note]')!.value).to.equal('Rain all day');
    expect($<HTMLInputElement>(el, 'input[value=sad]')!.checked).to.equal(true);
    expect(submit(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('submits the value, and never clears itself (a failed save keeps every word)', async () => {
    const el = await form({ value: { label: 'happy', note: 'Picnic', tags: ['park'], localDate: '' } });
    expect($<HTMLInputElement>(el, '[part=tags]')!.value).to.equal('#park');
    const submitted = oneEvent(el, 'mood-entry-submit');
    submit(el).click();
    const { detail } = (await submitted) as MoodEntrySubmitEvent;
    expect(detail.value).to.deep.equal({ label: 'happy', note: 'Picnic', tags: ['park'], localDate: TODAY });
    // The host saves; while it does, Save cannot be pressed again. It failed: the form is as it was.
    el.state = 'busy';
    await el.updateComplete;
    expect(submit(el).disabled).to.equal(true);
    expect(submit(el).textContent).to.include('Saving');
    el.state = 'ready';
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '[part=note]')!.value).to.equal('Picnic');
    expect($<HTMLInputElement>(el, '[part=tags]')!.value).to.equal('#park');
    expect(submit(el).disabled).to.equal(false);
    // Enter in the tags field submits too; a new value from the host (saved) replaces the words.
    const again = oneEvent(el, 'mood-entry-submit');
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    expect((await again).detail.value.note).to.equal('Picnic');
    el.value = { label: null, note: '', tags: [], localDate: '' };
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '[part=note]')!.value).to.equal('');
    expect($<HTMLInputElement>(el, '[part=tags]')!.value).to.equal('');
    expect(el.shadowRoot!.querySelector('input[name=label]:checked')).to.equal(null);
  });

  it('says clearly when the tags do not fit an entry, and will not submit them', async () => {
    const el = await form({ value: { label: 'neutral' } });
    const tags = $<HTMLInputElement>(el, '[part=tags]')!;
    const change = oneEvent(el, 'mood-entry-change');
    type(tags, Array.from({ length: 35 }, (_, i) => `t${i}`).join(' '));
    expect((await change).detail.problems).to.deep.equal(['too-many-tags']);
    await el.updateComplete;
    expect(tags.getAttribute('aria-invalid')).to.equal('true');
    const message = $(el, '#tags-problem')!;
    expect(message.textContent).to.include('up to 32 tags').and.include('remove 3');
    expect(tags.getAttribute('aria-describedby')).to.equal('tags-problem');
    expect(submit(el).disabled).to.equal(true);
    let submitted = false;
    el.addEventListener('mood-entry-submit', () => (submitted = true));
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    expect(submitted).to.equal(false);
    await expect(el).to.be.accessible();

    type(tags, `#${'길'.repeat(60)} #ok`);
    await el.updateComplete;
    expect(el.problems).to.deep.equal(['tag-too-long']);
    expect($(el, '#tags-problem')!.textContent)
      .to.include('at most 50 characters')
      .and.include('길'.repeat(24));
    type(tags, '#ok #fine');
    await el.updateComplete;
    expect(el.problems).to.deep.equal([]);
    expect($(el, '#tags-problem')).to.equal(null);
    expect(tags.getAttribute('aria-invalid')).to.equal('false');
    expect(submit(el).disabled).to.equal(false);
    // A note longer than an entry holds (the field stops typing there; a host could give one).
    el.value = { label: 'neutral', note: 'x'.repeat(10_001) };
    await el.updateComplete;
    expect(el.problems).to.deep.equal(['note-too-long']);
    expect($(el, '#note-problem')!.textContent).to.include('at most 10000 characters');
    expect(submit(el).disabled).to.equal(true);
  });

  it('takes a day, today by default, and never one after today', async () => {
    const el = await form({ chooseDate: true, value: { label: 'happy' } });
    const date = $<HTMLInputElement>(el, '[part=date]')!;
    expect(date.value).to.equal(TODAY);
    expect(date.max).to.equal(TODAY);
    expect(el.value.localDate ?? '').to.equal('');
    const missed = oneEvent(el, 'mood-entry-change');
    type(date, '2026-11-20');
    expect((await missed).detail.value.localDate).to.equal('2026-11-20');
    await el.updateComplete;
    expect(submit(el).disabled).to.equal(false);

    const future = oneEvent(el, 'mood-entry-change');
    type(date, '2026-11-25');
    expect((await future).detail.problems).to.deep.equal(['date-future']);
    await el.updateComplete;
    expect(submit(el).disabled).to.equal(true);
    expect(date.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#date-problem')!.textContent).to.include('cannot be in the future');
    let submitted = false;
    el.addEventListener('mood-entry-submit', () => (submitted = true));
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    expect(submitted).to.equal(false);

    type(date, '');
    await el.updateComplete;
    expect(el.problems).to.deep.equal(['date-missing']);
    // A day given by the host after today is refused the same way.
    el.value = { label: 'happy', localDate: '2027-01-01' };
    await el.updateComplete;
    expect(el.problems).to.deep.equal(['date-future']);
    await expect(el).to.be.accessible();
  });

  it('hides the day unless asked, and then keeps the day it was given', async () => {
    const el = await form({ value: { label: 'sad', localDate: '2026-01-02' } });
    expect($(el, '[part=date]')).to.equal(null);
    const change = oneEvent(el, 'mood-entry-change');
    type($<HTMLTextAreaElement>(el, '[part=note]')!, 'later');
    expect((await change).detail.value.localDate).to.equal('2026-01-02');
  });

  it('offers only the labels it is given', async () => {
    const el = await form({ labels: ['happy', 'sad'] });
    expect(
      [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=label]')].map((i) => i.value),
    ).to.deep.equal(['happy', 'sad']);
  });

  it('speaks Korean and English', async () => {
    const ko = await form({ chooseDate: true }, 'ko');
    expect($(ko, 'legend')!.textContent).to.include('지금 기분은 어때요?');
    expect($(ko, 'label[for=date]')!.textContent).to.include('날짜');
    expect($(ko, 'label[for=note]')!.textContent).to.include('오늘의 한 줄');
    expect($(ko, 'label[for=tags]')!.textContent).to.include('태그');
    expect($(ko, 'input[value=happy]')!.parentElement!.textContent).to.include('기쁨');
    expect(submit(ko).textContent).to.include('일기에 저장');
    type($<HTMLInputElement>(ko, '[part=date]')!, '2026-12-01');
    await ko.updateComplete;
    expect($(ko, '#date-problem')!.textContent).to.include('앞으로 올 날은 고를 수 없어요');
    await expect(ko).to.be.accessible();

    const en = await form({ chooseDate: true });
    expect($(en, 'legend')!.textContent).to.include('How do you feel?');
    expect($(en, 'label[for=date]')!.textContent).to.include('Day');
    expect($(en, 'input[value=embarrassed]')!.parentElement!.textContent).to.include('Embarrassed');
    expect(submit(en).textContent).to.include('Save to diary');
  });

  it('disables every field when disabled, and is accessible in the dark theme', async () => {
    const el = await form({ state: 'disabled', theme: 'dark', chooseDate: true, value: { label: 'happy' } });
    expect($<HTMLTextAreaElement>(el, '[part=note]')!.disabled).to.equal(true);
    expect($<HTMLInputElement>(el, '[part=tags]')!.disabled).to.equal(true);
    expect($<HTMLInputElement>(el, '[part=date]')!.disabled).to.equal(true);
    expect($<HTMLFieldSetElement>(el, '[part=labels]')!.disabled).to.equal(true);
    expect(submit(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
