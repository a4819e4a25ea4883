import { css } from 'lit';

export const styles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }
  h3 {
    margin: 0;
  }
  [part='modes'] {
    display: inline-flex;
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 2px;
    background: var(--_paper);
  }
  [part='modes'] button {
    border: none;
    background: transparent;
    min-height: 2.25rem;
    padding: 0.35rem 0.9rem;
  }
  [part='modes'] button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-ink);
    font-weight: 600;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  li {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    padding: 0.75rem;
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_paper);
    border: 1px solid var(--_line);
  }
  .num {
    grid-row: span 3;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_empty);
    font-weight: 700;
    font-family: var(--_display);
  }
  .title {
    font-weight: 700;
  }
  .artist {
    color: var(--_muted);
  }
  .reason {
    font-size: 0.9rem;
    color: var(--_muted);
    margin: 0;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin-top: 0.25rem;
  }
  .links a,
  .links button {
    font-size: 0.8rem;
    min-height: 2rem;
    padding: 0.2rem 0.7rem;
  }
  .links button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-ink);
  }
  .status {
    color: var(--_muted);
  }
`;
