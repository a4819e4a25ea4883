import { css } from 'lit';

export const styles = css`
  .auth {
    display: grid;
    gap: 0.8rem;
    max-width: 26rem;
    width: 100%;
    margin-inline: auto;
  }
  .profile-name {
    font-family: var(--_display);
    font-size: 1.2rem;
    font-weight: 700;
  }
`;
