import { css } from 'lit';

export const styles = css`
  :host {
    /* Sizes follow the element's own width (a container), so a phone never scrolls sideways:
       7 day cells, or a month label and 31 day pixels, always fit. */
    container-type: inline-size;
    /* The card's padding (2rem) and border (2px); 8 gaps of 4px and each cell's 1px padding (14px). */
    --_cell: min(var(--mood-tracker-cell-size, 2.6rem), calc((100cqi - 2rem - 2px - 32px - 14px) / 7));
    --_pixel: min(var(--mood-tracker-pixel-size, 0.85rem), calc((100cqi - 2rem - 2.6rem - 70px) / 31));
  }
  [part='base'] {
    display: grid;
    /* One column no wider than the card's inside: nothing runs into its padding. */
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  header h2 {
    margin: 0;
  }
  .nav {
    display: flex;
    gap: 0.35rem;
    align-items: center;
  }
  .period {
    font-family: var(--_display);
    font-weight: 700;
    min-width: 8.5rem;
    text-align: center;
  }
  .views {
    display: inline-flex;
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 2px;
  }
  .views button {
    border: none;
    background: transparent;
    min-height: 2.25rem;
  }
  .views button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-ink);
    font-weight: 600;
  }
  [part='moments'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.6rem;
  }
  .moment-card {
    display: grid;
    align-content: start;
    min-width: 0;
    border-radius: calc(var(--_radius) - 4px);
    border: 1px solid var(--_line);
    background: color-mix(in srgb, var(--_mood, var(--_empty)) 18%, var(--_surface));
  }
  [part='moment'] {
    display: grid;
    justify-items: start;
    text-align: left;
    gap: 0.15rem;
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.7rem 0.8rem;
    min-height: 5.5rem;
    min-width: 0;
    border: 0;
    background: transparent;
  }
  .day-song {
    display: grid;
    gap: 0.3rem;
    min-width: 0;
    padding: 0 0.8rem 0.7rem;
    font-size: 0.85rem;
  }
  .detail-song .day-song {
    padding: 0.6rem 0.8rem;
    background: var(--_paper);
    border-radius: 10px;
  }
  .day-song p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .song-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .song-actions button {
    min-height: 2rem;
    padding: 0.2rem 0.6rem;
    font-size: 0.8rem;
  }
  .playlist summary {
    cursor: pointer;
  }
  .playlist summary h3 {
    display: inline;
  }
  .playlist-songs {
    margin: 0.5rem 0;
    padding-left: 1.4rem;
    font-size: 0.85rem;
    overflow-wrap: anywhere;
  }
  .song-notice {
    margin: 0;
  }
  [part='search'] {
    display: grid;
    gap: 0.35rem;
  }
  [part='search'] p:empty {
    display: none;
  }
  .hits {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
    max-height: 20rem;
    overflow-y: auto;
  }
  .hits button {
    display: grid;
    justify-items: start;
    text-align: left;
    gap: 0.1rem;
    width: 100%;
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.5rem 0.8rem;
    border: 1px solid var(--_line);
    background: color-mix(in srgb, var(--_mood, var(--_empty)) 14%, var(--_surface));
  }
  .tags {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  button.tag {
    min-height: 2rem;
    padding: 0.2rem 0.7rem;
    border-radius: 999px;
    font-size: 0.85rem;
  }
  .moment-title {
    font-size: 0.8rem;
    color: var(--_muted);
    font-weight: 600;
  }
  .moment-label {
    font-family: var(--_display);
    font-weight: 700;
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .moment-note {
    font-size: 0.82rem;
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 100%;
  }
  .dot {
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 50%;
    display: inline-block;
    background: var(--_mood, var(--_empty));
    flex: none;
  }
  table {
    border-collapse: separate;
    border-spacing: 4px;
    margin: 0 auto;
  }
  th {
    font-size: 0.75rem;
    color: var(--_muted);
    font-weight: 600;
  }
  [part='calendar'] td button {
    width: var(--_cell);
    height: var(--_cell);
    min-height: 0;
    padding: 0;
    border-radius: 10px;
    border: 1px solid transparent;
    background: var(--_mood, var(--_empty));
    color: var(--_ink);
    font-size: 0.85rem;
    position: relative;
  }
  [part='calendar'] td button.has {
    color: #2b211c;
    font-weight: 700;
  }
  [part='calendar'] td button.today {
    border: 2px solid var(--_ink);
  }
  [part='calendar'] td button.future:not(.has) {
    background: transparent;
    border: 1px dashed var(--_line);
    color: var(--_muted);
  }
  .multi::after {
    content: '';
    position: absolute;
    right: 4px;
    top: 4px;
    width: 5px;
    height: 5px;
    border-radius: 50%;
    background: currentColor;
  }
  [part='year'] {
    min-width: 0;
  }
  [part='year'] table {
    border-spacing: 2px;
    /* Fixed columns: a day number above a pixel may spill over its neighbours instead of widening them. */
    table-layout: fixed;
    width: calc(2.6rem + 31 * (var(--_pixel) + 2px) + 4px);
  }
  [part='year'] th {
    font-weight: 500;
    font-size: 0.7rem;
    text-align: right;
    padding-right: 0.3rem;
    overflow: hidden;
    white-space: nowrap;
  }
  [part='year'] thead td:first-child {
    width: 2.6rem;
  }
  [part='year'] thead th {
    width: var(--_pixel);
    padding: 0;
    overflow: visible;
    text-align: left;
    font-size: 0.65rem;
  }
  [part='year'] td {
    padding: 0;
  }
  [part='year'] button {
    display: block;
    width: var(--_pixel);
    height: var(--_pixel);
    min-height: 0;
    padding: 0;
    border-radius: 3px;
    border: none;
    background: var(--_mood, var(--_empty));
  }
  [part='year'] button.today {
    outline: 2px solid var(--_ink);
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
    gap: 0.75rem;
  }
  .stat {
    background: var(--_paper);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.8rem;
  }
  .stat h3 {
    font-size: 0.95rem;
  }
  [part='chart'] svg {
    display: block;
    width: 100%;
    height: auto;
    overflow: visible;
  }
  .range {
    stroke: var(--_accent);
    stroke-width: 3;
    stroke-linecap: round;
    opacity: 0.3;
  }
  .rolling {
    fill: none;
    stroke: var(--_ink);
    stroke-width: 1.5;
    stroke-linejoin: round;
    stroke-linecap: round;
    opacity: 0.75;
  }
  .point {
    fill: var(--_mood, var(--_accent));
    stroke: var(--_surface);
    stroke-width: 1.5;
  }
  .grid {
    stroke: var(--_line);
    stroke-width: 1;
  }
  .axis {
    fill: var(--_muted);
    font-size: 10px;
  }
  .chart-key {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.4rem;
    margin: 0.4rem 0 0;
    font-size: 0.75rem;
  }
  .chart-key span {
    display: inline-block;
    flex: none;
  }
  .key-dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--_accent);
  }
  .key-bar {
    width: 0.2rem;
    height: 0.8rem;
    background: var(--_accent);
    opacity: 0.3;
  }
  .key-line {
    width: 1rem;
    height: 0;
    border-top: 1.5px solid var(--_ink);
  }
  .chart-table,
  [part='insights'] table {
    font-size: 0.8rem;
  }
  .chart-table summary {
    cursor: pointer;
    margin-top: 0.3rem;
  }
  .chart-table table,
  [part='insights'] table {
    width: 100%;
    border-collapse: collapse;
  }
  .chart-table th,
  .chart-table td,
  [part='insights'] th,
  [part='insights'] td {
    padding: 0.2rem 0.3rem;
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid var(--_line);
    overflow-wrap: anywhere;
    word-break: keep-all;
  }
  [part='insights'] .value {
    font-weight: 600;
  }
  [part='insights'] .meter {
    display: block;
    height: 0.3rem;
    margin-top: 0.15rem;
    border-radius: 0.15rem;
    background: var(--_line);
  }
  [part='insights'] .meter span {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--_accent);
  }
  [part='insights'] .too-few {
    color: var(--_muted);
    font-style: italic;
  }
  .weekdays {
    display: grid;
    grid-template-columns: repeat(7, 1fr);
    gap: 0.3rem;
    align-items: end;
    height: 7rem;
  }
  .weekday {
    display: grid;
    grid-template-rows: 1fr auto;
    height: 100%;
    text-align: center;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .weekday .bar-wrap {
    display: flex;
    align-items: flex-end;
    justify-content: center;
  }
  .weekday .bar {
    width: 70%;
    border-radius: 6px 6px 2px 2px;
    background: var(--_mood, var(--_empty));
    min-height: 3px;
  }
  .stack {
    display: flex;
    height: 0.9rem;
    border-radius: 999px;
    overflow: hidden;
    background: var(--_empty);
    margin-bottom: 0.6rem;
  }
  .stack span {
    background: var(--_mood);
  }
  .legend {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: 0.2rem 0.8rem;
    font-size: 0.85rem;
  }
  .legend li {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .legend .n {
    margin-left: auto;
    white-space: nowrap;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .streak {
    font-family: var(--_display);
    font-size: 1.6rem;
    font-weight: 700;
    margin: 0;
  }
  [part='empty'] {
    text-align: center;
    padding: 2rem 1rem;
  }
  [part='empty'] .big {
    font-size: 2.5rem;
  }
  dialog {
    border: none;
    border-radius: var(--_radius);
    padding: 0;
    max-width: min(34rem, 94vw);
    width: 100%;
    background: var(--_surface);
    color: var(--_ink);
    box-shadow: 0 20px 60px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(30 20 15 / 0.45);
  }
  [part='detail'] {
    padding: 1.2rem;
    display: grid;
    gap: 0.8rem;
  }
  .detail-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
  }
  [part='entry'] {
    border-top: 1px solid var(--_line);
    padding-top: 0.8rem;
    display: grid;
    gap: 0.5rem;
  }
  .entry-head {
    display: flex;
    gap: 0.8rem;
    align-items: center;
  }
  .mix .stack {
    height: 0.55rem;
    margin-bottom: 0.25rem;
  }
  .fine {
    font-size: 0.8rem;
    margin: 0;
  }
  .thumb {
    width: 64px;
    height: 64px;
    border-radius: 12px;
    object-fit: cover;
  }
  .note {
    white-space: pre-wrap;
    background: var(--_paper);
    border-radius: 10px;
    padding: 0.6rem 0.8rem;
    margin: 0;
  }
  .songs {
    margin: 0;
    padding-left: 1.2rem;
    font-size: 0.9rem;
  }
`;
