import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * The ways a photo comes in besides the camera: the "choose a photo" picker, a file dropped on the
 * element (the stage shows it can take it), or an image pasted into it.
 */
export class PhotoInputController implements ReactiveController {
  /** A file is dragged over the element. */
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    private readonly read: (file: Blob) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('paste', this.onPaste);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('paste', this.onPaste);
  }

  /** Opens the picker. */
  choose(): void {
    this.host.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  /** The hidden picker the upload button opens. */
  renderPicker() {
    return html`<input
      type="file"
      accept="image/*"
      hidden
      tabindex="-1"
      aria-hidden="true"
      @change=${this.onFileChosen}
    />`;
  }

  readonly onDragOver = (event: DragEvent): void => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    this.setDragging(true);
  };

  readonly onDragLeave = (): void => this.setDragging(false);

  readonly onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.setDragging(false);
    const file = event.dataTransfer?.files?.[0];
    if (file) this.read(file);
  };

  private setDragging(dragging: boolean) {
    if (dragging === this.dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  private readonly onFileChosen = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.read(file);
  };

  private readonly onPaste = (event: ClipboardEvent) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    event.preventDefault();
    this.read(file);
  };
}
