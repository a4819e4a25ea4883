// JSON-schema pieces shared by the routes: Fastify validates every body and query with them.
const base64 = '^[A-Za-z0-9+/]*={0,2}$';

/** Base64 of `min`..`max` bytes. */
export const b64 = (min: number, max: number) =>
  ({
    type: 'string',
    pattern: base64,
    minLength: Math.ceil(min / 3) * 4,
    maxLength: Math.ceil(max / 3) * 4,
  }) as const;

export const username = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s:|]+$' } as const;
export const uuid = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const;
export const label = { type: 'string', maxLength: 100 } as const;
/** The client pins PBKDF2-SHA256 with at least 600,000 iterations; the server refuses less too. */
export const kdf = {
  type: 'object',
  properties: {
    name: { const: 'PBKDF2-SHA256' },
    iterations: { type: 'integer', minimum: 600_000, maximum: 100_000_000 },
  },
  required: ['name', 'iterations'],
  additionalProperties: false,
} as const;
/** A wrapped AES-256 key: 12-byte IV, 32-byte key, 16-byte tag (room for other wrappings). */
export const bundle = b64(40, 256);
