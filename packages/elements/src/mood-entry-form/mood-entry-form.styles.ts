import { css } from 'lit';

export const styles = css`
  /* The surface of the card it sits in (camera, tracker), so it reads alike on its own page. */
  :host {
    background: var(--_surface);
  }
  form {
    display: grid;
    gap: 1rem;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.4rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .chip {
    position: relative;
  }
  .chip input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .chip > span {
    display: inline-flex;
    gap: 0.35rem;
    align-items: center;
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 0.35rem 0.8rem;
    background: var(--_surface);
    font-weight: 500;
  }
  .chip input:checked + span {
    box-shadow: inset 0 0 0 1px var(--_mood);
    border-color: var(--_mood);
    background: color-mix(in srgb, var(--_mood) 22%, var(--_surface));
    font-weight: 700;
  }
  .chip input:focus-visible + span {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .field {
    display: grid;
    gap: 0.35rem;
  }
  input[type='date'] {
    font: inherit;
    color: var(--_ink);
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.45rem 0.65rem;
    justify-self: start;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part='problem'] {
    margin: 0;
    font-size: 0.9rem;
  }
  ::slotted(*) {
    margin: 0;
  }
`;
