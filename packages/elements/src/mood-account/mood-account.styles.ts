import { css } from 'lit';

export const styles = css`
  .auth,
  .account {
    display: grid;
    gap: 0.8rem;
    max-width: 26rem;
    width: 100%;
    margin-inline: auto;
  }
  #devices {
    margin: 0;
    padding-inline-start: 1.2rem;
    display: grid;
    gap: 0.3rem;
  }
  #delete-account {
    display: grid;
    gap: 0.5rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
`;
