import { css } from 'lit';

export const styles = css`
  :host {
    max-width: var(--mood-diary-max-width, 46rem);
    margin-inline: auto;
  }
  [part='base'] {
    display: grid;
    gap: 1rem;
    background: var(--_paper);
    border-radius: calc(var(--_radius) + 6px);
    padding: clamp(0.75rem, 3vw, 1.5rem);
  }
  [part='header'] {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 1rem;
  }
  .title {
    font-family: var(--_display);
    font-size: 1.6rem;
    margin: 0;
  }
  .hello {
    margin: 0;
  }
  [part='banner'] {
    background: color-mix(in srgb, var(--_happy) 25%, var(--_surface));
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.6rem 0.9rem;
    margin: 0;
  }
  .fine {
    font-size: 0.82rem;
  }
  [part='reminder'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.9rem;
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-inline-start: 4px solid var(--_accent);
    border-radius: calc(var(--_radius) - 4px);
    padding: 0.6rem 0.9rem;
  }
  [part='reminder'] p {
    margin: 0;
    flex: 1 1 12rem;
  }
  [part='tabs'] {
    display: flex;
    gap: 0.35rem;
    border-bottom: 1px solid var(--_line);
    padding-bottom: 0.5rem;
  }
  [part='tab'] {
    border: none;
    background: transparent;
    border-radius: 999px;
  }
  [part='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_accent-ink);
    font-weight: 700;
  }
  mood-camera,
  mood-tracker,
  mood-sign-in,
  mood-settings {
    max-width: none;
  }
  .after-save {
    text-align: right;
    margin: 0.3rem 0 0;
  }
  footer {
    text-align: center;
  }
  .recap {
    display: grid;
    gap: 0.5rem;
  }
  .recap h2,
  .recap p {
    margin: 0;
  }
  .recap-entries {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
    overflow-wrap: anywhere;
  }
`;
