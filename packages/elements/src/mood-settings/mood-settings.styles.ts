import { css } from 'lit';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: 1.2rem;
  }
  select {
    max-width: 14rem;
  }
  /* the passphrase forms: hint, passphrases and button stacked with air, inputs no wider than a passphrase */
  #backup-form,
  #backup-import-form,
  #passphrase-form {
    display: grid;
    gap: 0.6rem;
    margin-top: 1rem;
    max-width: 26rem;
  }
  #backup-form p,
  #passphrase-form p {
    margin: 0;
  }
  #backup-form button,
  #passphrase-form button {
    justify-self: start;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  #personal-status {
    margin: 0.4rem 0;
  }
  .danger-zone {
    border-top: 1px solid var(--_line);
    padding-top: 1rem;
  }
`;
