import { svg } from 'lit';

/** Small line icons (no emoji fonts needed). Decorative: always inside `aria-hidden` wrappers. */
const icon = (paths: ReturnType<typeof svg>, size = 20) =>
  svg`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths}</svg>`;

export const cameraIcon = (size?: number) =>
  icon(
    svg`<path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z"/><circle cx="12" cy="13" r="3.5"/>`,
    size,
  );
export const photoIcon = (size?: number) =>
  icon(
    svg`<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="M21 16l-5-5-8 9"/>`,
    size,
  );
export const bookIcon = (size?: number) =>
  icon(svg`<path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z"/><path d="M4 21V5"/><path d="M9 8h6"/>`, size);
export const lockIcon = (size?: number) =>
  icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`, size);
