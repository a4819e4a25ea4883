import { css } from 'lit';

export const styles = css`
  :host {
    --_stage-bg: var(--mood-camera-stage-background, #241c18);
    max-width: var(--mood-camera-max-width, 40rem);
  }
  [part='base'] {
    display: grid;
    gap: 1rem;
  }
  .intro p {
    color: var(--_muted);
  }
  [part='stage'] {
    position: relative;
    aspect-ratio: 4 / 3;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_stage-bg);
    display: grid;
    place-items: center;
  }
  [part='stage'].dragging {
    outline: 3px dashed var(--_accent);
    outline-offset: 3px;
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .frame-wrap {
    position: relative;
    max-width: 100%;
    max-height: 100%;
  }
  .video-wrap {
    width: 100%;
    max-height: 100%;
  }
  .video-wrap[hidden] {
    display: none;
  }
  .video-wrap video {
    display: block;
  }
  [part~='live'] {
    border-color: var(--_mood, #fff);
    transition: all 0.25s ease;
  }
  .live-chip {
    position: absolute;
    left: 50%;
    bottom: -2.1rem;
    translate: -50% 0;
    display: inline-flex;
    gap: 0.35rem;
    align-items: center;
    white-space: nowrap;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    border-radius: 999px;
    padding: 0.15rem 0.6rem;
    font-size: 0.85rem;
    font-weight: 600;
  }
  /* The capture hint sits over the top of the preview, unmirrored; empty, it keeps its live region. */
  [part='hint'] {
    position: absolute;
    top: 0.75rem;
    left: 50%;
    translate: -50% 0;
    max-width: calc(100% - 1.5rem);
    margin: 0;
    padding: 0.35rem 0.9rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.68);
    color: #fff;
    font-weight: 600;
    text-align: center;
    word-break: keep-all;
  }
  [part='hint'].empty {
    padding: 0;
    background: transparent;
  }
  .frame-wrap canvas {
    display: block;
    max-width: 100%;
    max-height: 100%;
    width: auto;
    height: auto;
  }
  .boxes {
    position: absolute;
    inset: 0;
  }
  [part~='face-box'] {
    position: absolute;
    border: 3px solid var(--mood-camera-box-color, #fff);
    border-radius: 12px;
    box-shadow: 0 0 0 2px rgb(0 0 0 / 0.35);
    background: transparent;
    padding: 0;
    min-height: 0;
    cursor: default;
  }
  button[part~='face-box'] {
    cursor: pointer;
    border-style: dashed;
  }
  button[part~='face-box'][aria-pressed='true'] {
    border-style: solid;
    border-color: var(--_accent);
  }
  .face-num {
    position: absolute;
    top: -0.8rem;
    left: -0.8rem;
    background: var(--_accent);
    color: var(--_accent-ink);
    border-radius: 999px;
    padding: 0 0.45rem;
    font-weight: 700;
    font-size: 0.85rem;
  }
  .placeholder {
    color: #f3e9df;
    text-align: center;
    padding: 1.5rem;
    display: grid;
    gap: 0.75rem;
    justify-items: center;
  }
  .placeholder .big {
    line-height: 1;
    opacity: 0.8;
  }
  [part='controls'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  [part='capture'] {
    font-size: 1.05rem;
    padding-inline: 1.5rem;
  }
  [part='progress'] {
    display: grid;
    gap: 0.35rem;
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  [part='message'] {
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.75rem 1rem;
    background: var(--_paper);
    border: 1px solid var(--_line);
    border-left: 4px solid var(--_danger);
  }
  [part='message'].hint {
    border-left-color: var(--_accent);
  }
  [part='result'] {
    display: grid;
    gap: 1rem;
  }
  /*
   * A face's reading on one screen, phone or desktop (#16): the picture small, the title and verdict
   * beside it, then the form with Save; why it is unsure, the bars and the songs come after. The
   * result's parts join this grid.
   */
  [part='base'].has-result {
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    row-gap: 0.75rem;
    align-items: start;
  }
  .has-result > *,
  .has-result [part='result'] > * {
    grid-column: 1 / -1;
  }
  .has-result [part='result'] {
    display: contents;
  }
  .has-result > [part='stage'] {
    grid-column: 1;
    grid-row: 1 / span 2;
  }
  .has-result > .intro {
    grid-column: 2;
    grid-row: 1;
    align-self: end;
  }
  .has-result .reading {
    grid-column: 2;
    grid-row: 2;
  }
  /* A short note field that grows with what is typed (where the browser can), so Save stays in view. */
  .has-result mood-entry-form::part(note) {
    min-height: 2.75rem;
    field-sizing: content;
  }
  .reading {
    display: grid;
    gap: 0.5rem;
  }
  .reading p {
    margin: 0;
  }
  .verdict {
    font-family: var(--_display);
    font-size: 1.4rem;
    font-weight: 700;
    display: flex;
    gap: 0.6rem;
    align-items: center;
    margin: 0;
  }
  .uncertain {
    background: var(--_paper);
    border: 1px dashed var(--_muted);
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.6rem 0.8rem;
    font-size: 0.92rem;
  }
  .uncertain p {
    margin: 0;
  }
  .uncertain ul {
    margin: 0.25rem 0 0;
    padding-left: 1.2rem;
  }
  [part='bars'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  [part='bars'] li {
    display: grid;
    grid-template-columns: 9rem 1fr 3rem; /* fits "Embarrassed 당황" on one line */
    align-items: center;
    gap: 0.6rem;
    font-size: 0.92rem;
  }
  .other {
    color: var(--_muted);
    font-size: 0.8rem;
  }
  .track {
    height: 0.7rem;
    border-radius: 999px;
    background: var(--_empty);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: var(--_mood);
    border-radius: 999px;
    transition: width 0.4s ease;
  }
  .pct {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
  }
  .fine {
    font-size: 0.82rem;
    color: var(--_muted);
  }
  .saved {
    font-family: var(--_display);
    font-size: 1.2rem;
  }
`;
