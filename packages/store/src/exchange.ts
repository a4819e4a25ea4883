import { EMOTION_LABELS, EMOTION_NAMES } from '@moodiary/core';
import { fromBase64, toBase64 } from './base64.js';
import { DEFAULT_KDF_ITERATIONS, MIN_KDF_ITERATIONS, checkIterations, openText, sealText } from './crypto.js';
import { CsvSyntaxError, parseCsv, writeCsv } from './csv.js';
import { validateEntry, type ValidateOptions } from './entry.js';
import { StoreError, isStoreError } from './errors.js';
import { checkNewPassphrase, type PassphraseRule } from './passphrase.js';
import type { ImportResult, MoodEntry, MoodStore } from './types.js';

/** The `format` tag of JSON exports. */
export const EXPORT_FORMAT = 'moodiary-diary';
/** The JSON export's version; `readJsonExport` accepts this and older ones. */
export const EXPORT_VERSION = 1;

/** One problem of an import, by row: the entry's position (JSON) or spreadsheet row (CSV, header = 1). */
export interface ImportRowError {
  row: number;
  id?: string;
  field?: string;
  message: string;
}

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  count: number;
  entries: MoodEntry[];
  /** The profile's settings (`MoodStore.settings()`), when exported from a store. */
  settings?: Record<string, unknown>;
}

function importError(errors: ImportRowError[], total: number, what: string): StoreError {
  const first = errors[0]!;
  return new StoreError(
    'import-invalid',
    `${errors.length === 1 ? 'One row' : `${errors.length} rows`} of the ${what} ${errors.length === 1 ? 'is' : 'are'} invalid, so nothing was imported. Row ${first.row}: ${first.message}`,
    { details: { errors, total } },
  );
}

function rowError(row: number, error: unknown): ImportRowError {
  if (isStoreError(error)) {
    const d = error.details as { id?: unknown; field?: unknown };
    return {
      row,
      message: error.message,
      ...(typeof d.id === 'string' ? { id: d.id } : {}),
      ...(typeof d.field === 'string' ? { field: d.field } : {}),
    };
  }
  return { row, message: error instanceof Error ? error.message : String(error) };
}

/** Validates all entries; throws one `import-invalid` listing every bad row, or a second copy of an id. */
function validateAll(
  candidates: { row: number; value: unknown }[],
  options: ValidateOptions,
  what: string,
): MoodEntry[] {
  const errors: ImportRowError[] = [];
  const entries: MoodEntry[] = [];
  const rowOfId = new Map<string, number>();
  for (const { row, value } of candidates) {
    try {
      const entry = validateEntry(value, options);
      const first = rowOfId.get(entry.id);
      if (first !== undefined) {
        errors.push({
          row,
          id: entry.id,
          field: 'id',
          message: `The id "${entry.id}" is also used in row ${first}.`,
        });
        continue;
      }
      rowOfId.set(entry.id, row);
      entries.push(entry);
    } catch (error) {
      errors.push(rowError(row, error));
    }
  }
  if (errors.length > 0) throw importError(errors, candidates.length, what);
  return entries;
}

// ── JSON ────────────────────────────────────────────────────────────────

/** Entries → the versioned JSON export (full fidelity: every field, deleted entries included if given). */
export function toJsonExport(
  entries: readonly MoodEntry[],
  exportedAt = new Date(),
  settings?: Record<string, unknown>,
): string {
  const doc: JsonExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    count: entries.length,
    entries: [...entries],
    ...(settings && Object.keys(settings).length ? { settings } : {}),
  };
  return JSON.stringify(doc, null, 1);
}

/** Parses and validates a JSON export; throws `import-invalid` (rows are 1-based entry positions). */
export function readJsonExport(
  text: string,
  options: ValidateOptions = { allowThumbnails: true },
): MoodEntry[] {
  return parseJsonExport(text, options).entries;
}

/** A JSON export's entries (validated) and settings (an object of name → value, else none). */
function parseJsonExport(
  text: string,
  options: ValidateOptions = { allowThumbnails: true },
): { entries: MoodEntry[]; settings: Record<string, unknown> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new StoreError('import-invalid', 'This file is not valid JSON.', {
      cause: error,
      details: { errors: [{ row: 0, message: 'not valid JSON' }] },
    });
  }
  const d = doc as Partial<JsonExport> | null;
  if (typeof d !== 'object' || d === null || d.format !== EXPORT_FORMAT || !Array.isArray(d.entries))
    throw new StoreError('import-invalid', 'This file is not a Moodiary diary export.', {
      details: { errors: [{ row: 0, message: 'not a Moodiary export' }] },
    });
  if (typeof d.version !== 'number' || d.version > EXPORT_VERSION)
    throw new StoreError(
      'import-invalid',
      `This export was made by a newer Moodiary (format version ${String(d.version)}); update to import it.`,
      { details: { errors: [{ row: 0, message: 'newer format version' }], version: d.version } },
    );
  const settings =
    typeof d.settings === 'object' && d.settings !== null && !Array.isArray(d.settings) ? d.settings : {};
  return {
    entries: validateAll(
      d.entries.map((value, i) => ({ row: i + 1, value })),
      options,
      'export',
    ),
    settings,
  };
}

// ── CSV ─────────────────────────────────────────────────────────────────

/**
 * CSV columns, in order. `label_ko` and `label_en` are for people and ignored
 * on import; `tags` and `songs` are JSON arrays so they round-trip exactly.
 */
export const CSV_COLUMNS = [
  'id',
  'local_date',
  'created_at',
  'utc_offset',
  'source',
  'label',
  'label_ko',
  'label_en',
  'confidence',
  ...EMOTION_LABELS.map((l) => `p_${l}`),
  'model_version',
  'note',
  'tags',
  'songs',
  'thumbnail',
  'updated_at',
  'deleted_at',
] as const;

const REQUIRED = [
  'id',
  'local_date',
  'created_at',
  'utc_offset',
  'source',
  'label',
  'confidence',
  'updated_at',
];

/**
 * Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR) get a leading apostrophe, as do cells already starting with one;
 * the reader removes exactly one. Safe in Excel, exact on round trip.
 */
function protect(text: string): string {
  return /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

function unprotect(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

/** Entries → CSV with a UTF-8 BOM and CRLF line ends, so Excel opens Korean text correctly. */
export function toCsv(entries: readonly MoodEntry[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const e of entries) {
    rows.push([
      protect(e.id),
      e.localDate,
      e.createdAt,
      String(e.utcOffset),
      e.source,
      e.label,
      EMOTION_NAMES[e.label].ko,
      EMOTION_NAMES[e.label].en,
      String(e.confidence),
      ...EMOTION_LABELS.map((l) => (e.probabilities ? String(e.probabilities[l]) : '')),
      protect(e.modelVersion ?? ''),
      protect(e.note),
      e.tags.length ? JSON.stringify(e.tags) : '',
      e.songs.length ? JSON.stringify(e.songs) : '',
      e.thumbnail ?? '',
      e.updatedAt,
      e.deletedAt ?? '',
    ]);
  }
  return '\uFEFF' + writeCsv(rows);
}

function parseNumber(text: string, field: string): number {
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n))
    throw new StoreError('invalid-entry', `The entry's ${field} must be a number (got "${text}").`, {
      details: { field },
    });
  return n;
}

function parseJsonList(text: string, field: string): unknown {
  if (text === '') return [];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoreError(
      'invalid-entry',
      `The entry's ${field} must be a JSON list such as ["walk","friends"].`,
      {
        details: { field },
      },
    );
  }
}

/** Parses and validates a CSV export; throws `import-invalid` with spreadsheet row numbers (header = row 1). */
export function readCsvExport(
  text: string,
  options: ValidateOptions = { allowThumbnails: true },
): MoodEntry[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    const row = error instanceof CsvSyntaxError ? error.row : 0;
    throw importError([{ row, message: (error as Error).message }], 0, 'CSV file');
  }
  const header = rows[0]?.map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0)
    throw importError(
      [
        {
          row: 1,
          message: `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
        },
      ],
      0,
      'CSV file',
    );
  const col = new Map(header.map((h, i) => [h, i]));
  const candidates = rows.slice(1).map((cells, i) => {
    const row = i + 2;
    const get = (name: string) => {
      const at = col.get(name);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    try {
      if (cells.length !== header.length)
        throw new StoreError(
          'invalid-entry',
          `The row has ${cells.length} cells; the header has ${header.length}.`,
          {
            details: { field: 'row' },
          },
        );
      const value: Record<string, unknown> = {
        id: unprotect(get('id')),
        createdAt: get('created_at'),
        utcOffset: parseNumber(get('utc_offset'), 'utc_offset'),
        localDate: get('local_date'),
        source: get('source'),
        label: get('label'),
        confidence: parseNumber(get('confidence'), 'confidence'),
        note: unprotect(get('note')),
        tags: parseJsonList(get('tags'), 'tags'),
        songs: parseJsonList(get('songs'), 'songs'),
        updatedAt: get('updated_at'),
      };
      const probabilityCells = EMOTION_LABELS.map((l) => get(`p_${l}`));
      if (probabilityCells.some((c) => c !== ''))
        value.probabilities = Object.fromEntries(
          EMOTION_LABELS.map((l, k) => [l, parseNumber(probabilityCells[k]!, `p_${l}`)]),
        );
      const modelVersion = unprotect(get('model_version'));
      if (modelVersion !== '') value.modelVersion = modelVersion;
      if (get('thumbnail') !== '') value.thumbnail = get('thumbnail');
      if (get('deleted_at') !== '') value.deletedAt = get('deleted_at');
      return { row, value };
    } catch (error) {
      return { row, value: error };
    }
  });
  // Rows that failed while being read carry their error as the value.
  const readErrors = candidates.filter((c) => c.value instanceof Error);
  if (readErrors.length > 0) {
    const errors: ImportRowError[] = [];
    for (const c of candidates) {
      if (c.value instanceof Error) errors.push(rowError(c.row, c.value));
      else
        try {
          validateEntry(c.value, options);
        } catch (error) {
          errors.push(rowError(c.row, error));
        }
    }
    throw importError(errors, candidates.length, 'CSV file');
  }
  return validateAll(candidates, options, 'CSV file');
}

// ── with a store ────────────────────────────────────────────────────────

export interface ExportOptions {
  /** Include soft-deleted entries (default: true for JSON, false for CSV). */
  includeDeleted?: boolean;
}

/** `sync.*` settings are this device's link to a sync server (session, checkpoint): never exported or imported. */
const deviceOnly = (name: string) => name.startsWith('sync.');

/** The whole diary as versioned JSON. */
export async function exportJson(store: MoodStore, options: ExportOptions = {}): Promise<string> {
  const settings = Object.entries(await store.settings()).filter(([name]) => !deviceOnly(name));
  return toJsonExport(
    await store.all({ includeDeleted: options.includeDeleted ?? true }),
    new Date(),
    Object.fromEntries(settings),
  );
}

/** The whole diary as CSV for spreadsheets (UTF-8 with BOM). */
export async function exportCsv(store: MoodStore, options: ExportOptions = {}): Promise<string> {
  return toCsv(await store.all({ includeDeleted: options.includeDeleted ?? false }));
}

/**
 * Imports a JSON export: every entry is validated first; any invalid one
 * rejects the whole file (`import-invalid`, `details.errors` with row numbers);
 * entries whose id is already in the diary are skipped; the rest is written in
 * one transaction.
 */
export async function importJson(store: MoodStore, text: string): Promise<ImportResult> {
  const { entries, settings } = parseJsonExport(text);
  const result = await store.importEntries(entries);
  await importSettings(store, settings);
  return result;
}

/** Settings the diary does not have yet; like entries, what it has is kept. */
async function importSettings(store: MoodStore, settings: Record<string, unknown>): Promise<void> {
  const have = await store.settings();
  for (const [name, value] of Object.entries(settings))
    if (!(name in have) && !deviceOnly(name)) await store.setSetting(name, value);
}

/** Imports a CSV export, like `importJson`. */
export async function importCsv(store: MoodStore, text: string): Promise<ImportResult> {
  return store.importEntries(readCsvExport(text));
}

// ── passphrase-encrypted backups ─────────────────────────────────────────

/** The `format` tag of passphrase-encrypted JSON exports. */
export const ENCRYPTED_EXPORT_FORMAT = 'moodiary-diary-encrypted';
/** Authenticated with the ciphertext, so a backup cannot be passed off as another kind of sealed data. */
const BACKUP_CONTEXT = 'moodiary-backup:v1';

/**
 * A JSON export sealed under a passphrase: the whole `JsonExport` text,
 * AES-GCM-256 with a key from PBKDF2-HMAC-SHA256 (fresh salt and nonce per
 * backup). Binary fields are base64. Only `format`, `version`, `exportedAt`
 * and the KDF settings are readable without the passphrase.
 */
export interface EncryptedJsonExport {
  format: typeof ENCRYPTED_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  kdf: { algorithm: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { algorithm: 'AES-GCM'; iv: string };
  data: string;
}

/** The passphrase rule (`minPassphraseLength`, `minPassphraseScore`) is the one profiles use. */
export interface EncryptedExportOptions extends ExportOptions, PassphraseRule {
  /** PBKDF2 iterations (default 600,000, as for profiles; at least 10,000). */
  kdfIterations?: number;
  /** What the page knows about the user (e.g. the profile name): a passphrase made of it is weak. */
  userInputs?: readonly string[];
}

function backupError(message: string, cause?: unknown): StoreError {
  return new StoreError('import-invalid', `This is not a readable Moodiary backup: ${message}`, {
    cause,
    details: { errors: [{ row: 0, message }], total: 0 },
  });
}

const ENCRYPTED_HEAD = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${ENCRYPTED_EXPORT_FORMAT}"`);

/**
 * True when `text` looks like an encrypted backup: its `format` tag (the first key this package
 * writes) is read from the first kilobyte, so a large plain export is not parsed twice.
 */
export function isEncryptedJsonExport(text: string): boolean {
  return ENCRYPTED_HEAD.test(text.slice(0, 1024));
}

/**
 * Seals a JSON export's text under `passphrase`; see `EncryptedJsonExport`. A passphrase that is
 * easy to guess is refused (`weak-passphrase`, with `details.warning` and `details.suggestions`).
 */
export async function encryptJsonExport(
  json: string,
  passphrase: string,
  options: EncryptedExportOptions = {},
  exportedAt = new Date(),
): Promise<string> {
  await checkNewPassphrase(passphrase, options.userInputs, options);
  const iterations = checkIterations(options.kdfIterations ?? DEFAULT_KDF_ITERATIONS);
  const sealed = await sealText(json, passphrase, iterations, BACKUP_CONTEXT);
  const doc: EncryptedJsonExport = {
    format: ENCRYPTED_EXPORT_FORMAT,
    version: 1,
    exportedAt: exportedAt.toISOString(),
    kdf: { ...sealed.kdf, salt: toBase64(sealed.kdf.salt) },
    cipher: { ...sealed.cipher, iv: toBase64(sealed.cipher.iv) },
    data: toBase64(sealed.data),
  };
  return JSON.stringify(doc, null, 1);
}

/**
 * Opens an encrypted backup and returns the JSON export inside (not yet
 * validated). Throws `wrong-passphrase` (nothing learned, nothing changed) or
 * `import-invalid` when the file is not an encrypted Moodiary backup.
 */
export async function decryptJsonExport(text: string, passphrase: string): Promise<string> {
  let doc: Partial<EncryptedJsonExport>;
  try {
    doc = JSON.parse(text) as Partial<EncryptedJsonExport>;
  } catch (error) {
    throw backupError('the file is not JSON.', error);
  }
  if (doc?.format !== ENCRYPTED_EXPORT_FORMAT)
    throw backupError(`its format is not "${ENCRYPTED_EXPORT_FORMAT}".`);
  if (doc.version !== 1)
    throw backupError(`version ${String(doc.version)} is newer than this app understands.`);
  const { kdf, cipher, data } = doc;
  if (
    kdf?.algorithm !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    !Number.isInteger(kdf.iterations) ||
    kdf.iterations < MIN_KDF_ITERATIONS ||
    kdf.iterations > 10_000_000 ||
    cipher?.algorithm !== 'AES-GCM' ||
    typeof data !== 'string'
  )
    throw backupError('its encryption settings are missing or unsupported.');
  let sealed;
  try {
    sealed = {
      kdf: { ...kdf, salt: fromBase64(kdf.salt) },
      cipher: { ...cipher, iv: fromBase64(cipher.iv) },
      data: fromBase64(data),
    };
  } catch (error) {
    throw backupError('its encrypted data is damaged.', error);
  }
  return openText(sealed, passphrase, BACKUP_CONTEXT);
}

/** The whole diary as an encrypted backup (deleted entries included, like `exportJson`). */
export async function exportEncryptedJson(
  store: MoodStore,
  passphrase: string,
  options: EncryptedExportOptions = {},
): Promise<string> {
  return encryptJsonExport(await exportJson(store, options), passphrase, options);
}

/**
 * Imports an encrypted backup, all or nothing like `importJson`: a wrong
 * passphrase (`wrong-passphrase`) or any invalid entry (`import-invalid`)
 * writes nothing.
 */
export async function importEncryptedJson(
  store: MoodStore,
  text: string,
  passphrase: string,
): Promise<ImportResult> {
  return importJson(store, await decryptJsonExport(text, passphrase));
}
