import { css } from 'lit';

/**
 * Design tokens shared by every element: a warm paper diary by default, a
 * night-notebook dark theme (`theme="dark"` or the system's dark mode with
 * `theme="auto"`). Hosts override any `--mood-*` property from outside.
 */
export const tokens = css`
  :host {
    --_paper: var(--mood-color-paper, #fffaf2);
    --_surface: var(--mood-color-surface, #ffffff);
    --_ink: var(--mood-color-ink, #3a2e28);
    --_muted: var(--mood-color-muted, #6f6058);
    --_line: var(--mood-color-line, #eadfd3);
    --_accent: var(--mood-color-accent, #b4532f);
    --_accent-ink: var(--mood-color-accent-ink, #ffffff);
    --_focus: var(--mood-color-focus, #1f6feb);
    --_danger: var(--mood-color-danger, #b3261e);
    --_empty: var(--mood-color-empty, #f1e9df);
    --_happy: var(--mood-color-happy, #f2b33d);
    --_angry: var(--mood-color-angry, #e0664f);
    --_sad: var(--mood-color-sad, #5b8fd1);
    --_anxious: var(--mood-color-anxious, #9a7bcf);
    --_neutral: var(--mood-color-neutral, #9db39a);
    --_embarrassed: var(--mood-color-embarrassed, #ef8fb0);
    --_radius: var(--mood-radius, 14px);
    --_font: var(
      --mood-font-family,
      'Pretendard',
      'Apple SD Gothic Neo',
      'Noto Sans KR',
      system-ui,
      sans-serif
    );
    --_display: var(--mood-font-display, 'Gowun Batang', 'Nanum Myeongjo', Georgia, 'Times New Roman', serif);
    --_shadow: var(--mood-shadow, 0 1px 2px rgb(58 46 40 / 0.06), 0 6px 20px rgb(58 46 40 / 0.06));
    display: block;
    box-sizing: border-box;
    color: var(--_ink);
    font-family: var(--_font);
    /* Korean wraps between words, never inside one (다이어|리); a word too long for its line still wraps. */
    word-break: keep-all;
    overflow-wrap: break-word;
    line-height: 1.5;
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    --_paper: var(--mood-color-paper, #1f1a17);
    --_surface: var(--mood-color-surface, #2a2320);
    --_ink: var(--mood-color-ink, #f3e9df);
    --_muted: var(--mood-color-muted, #c2b2a6);
    --_line: var(--mood-color-line, #44392f);
    --_accent: var(--mood-color-accent, #f0a27f);
    --_accent-ink: var(--mood-color-accent-ink, #2a1a12);
    --_focus: var(--mood-color-focus, #8ab4ff);
    --_danger: var(--mood-color-danger, #ffb4ab);
    --_empty: var(--mood-color-empty, #372e29);
    --_shadow: var(--mood-shadow, 0 1px 2px rgb(0 0 0 / 0.3));
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_paper: var(--mood-color-paper, #1f1a17);
      --_surface: var(--mood-color-surface, #2a2320);
      --_ink: var(--mood-color-ink, #f3e9df);
      --_muted: var(--mood-color-muted, #c2b2a6);
      --_line: var(--mood-color-line, #44392f);
      --_accent: var(--mood-color-accent, #f0a27f);
      --_accent-ink: var(--mood-color-accent-ink, #2a1a12);
      --_focus: var(--mood-color-focus, #8ab4ff);
      --_danger: var(--mood-color-danger, #ffb4ab);
      --_empty: var(--mood-color-empty, #372e29);
      --_shadow: var(--mood-shadow, 0 1px 2px rgb(0 0 0 / 0.3));
      color-scheme: dark;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2,
  h3 {
    font-family: var(--_display);
    font-weight: 700;
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.35rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  p {
    margin: 0 0 0.5rem;
  }
  button,
  .button {
    font: inherit;
    font-size: 0.95rem;
    cursor: pointer;
    border-radius: 999px;
    border: 1px solid var(--_line);
    background: var(--_surface);
    color: var(--_ink);
    padding: 0.5rem 1rem;
    min-height: 2.5rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    text-decoration: none;
  }
  button:hover:not(:disabled),
  .button:hover {
    border-color: var(--_accent);
  }
  button.primary,
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-ink);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.link {
    border: none;
    background: none;
    padding: 0.25rem 0.5rem;
    min-height: 0;
    text-decoration: underline;
    color: var(--_accent);
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  input[type='text'],
  input[type='search'],
  input[type='password'],
  textarea,
  select {
    font: inherit;
    color: var(--_ink);
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5rem 0.65rem;
    width: 100%;
  }
  textarea {
    min-height: 4.5rem;
    resize: vertical;
  }
  label {
    font-weight: 600;
    font-size: 0.9rem;
  }
  /* A song's play links (the tracker's day songs, Today's recap): small pills, one per service. */
  .song-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .song-links a {
    display: inline-flex;
    align-items: center;
    min-height: 1.75rem;
    padding: 0.1rem 0.55rem;
    border: 1px solid var(--_line);
    border-radius: 999px;
    color: inherit;
    font-size: 0.78rem;
    text-decoration: none;
    background: var(--_surface);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: 1rem;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .mood-happy {
    --_mood: var(--_happy);
  }
  .mood-angry {
    --_mood: var(--_angry);
  }
  .mood-sad {
    --_mood: var(--_sad);
  }
  .mood-anxious {
    --_mood: var(--_anxious);
  }
  .mood-neutral {
    --_mood: var(--_neutral);
  }
  .mood-embarrassed {
    --_mood: var(--_embarrassed);
  }
  /* A mood's colour dot (set a .mood-* class on it or an ancestor). */
  .dot {
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    background: var(--_mood, var(--_empty));
    display: inline-block;
    flex: none;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
