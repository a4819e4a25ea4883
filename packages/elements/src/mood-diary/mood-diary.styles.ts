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
  .auth {
    display: grid;
    gap: 0.8rem;
    max-width: 26rem;
    width: 100%;
    margin-inline: auto;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .fine {
    font-size: 0.82rem;
  }
  .strength {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
  }
  .strength:empty {
    display: none;
  }
  .strength meter {
    width: 5rem;
    height: 0.6rem;
  }
  .profile-name {
    font-family: var(--_display);
    font-size: 1.2rem;
    font-weight: 700;
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
  mood-tracker {
    max-width: none;
  }
  .settings {
    display: grid;
    gap: 1.2rem;
  }
  .settings select {
    max-width: 14rem;
  }
  /* the backup forms: hint, passphrase and button stacked with air, input no wider than a passphrase */
  #backup-form,
  #backup-import-form {
    display: grid;
    gap: 0.6rem;
    margin-top: 1rem;
    max-width: 26rem;
  }
  #backup-form p {
    margin: 0;
  }
  #backup-form button {
    justify-self: start;
  }
  .danger-zone {
    border-top: 1px solid var(--_line);
    padding-top: 1rem;
  }
  .after-save {
    text-align: right;
    margin: 0.3rem 0 0;
  }
  footer {
    text-align: center;
  }
`;
