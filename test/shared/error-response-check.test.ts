/**
 * `isErrorResponse` (src-shared/api-error.ts) is the one check of the error envelope written out
 * without TypeBox, for the renderer's start chunk. It must accept and refuse exactly what the
 * contract's schema does: every sample below goes through both, and also says which answer it
 * expects, so a change to either side shows here. The types api-error.ts writes out for ApiError
 * are checked against the schemas' own at compile time (`npm run typecheck`).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import Value from 'typebox/value';
import { type Static } from 'typebox';
import * as core from '../../src-shared/api-error.js';
import * as errors from '../../src-shared/errors.js';

const body = (error: unknown) => ({ error });
const error = (fields: Record<string, unknown> = {}) => ({ code: 'forbidden', message: 'No.', details: {}, ...fields });
const withoutField = (name: string) => {
  const e: Record<string, unknown> = error();
  delete e[name];
  return body(e);
};

const ODD_TEXT = [
  '',
  '\uD800', // a lone surrogate
  '\uDFFF\uD800',
  '\u0000',
  'Abmelden\u202Enegrob', // right-to-left override
  '\uFEFFZugriff verweigert', // byte order mark
  'Zugriff verweigert 🔒👩🏽‍💻',
  'e\u0301\u0301\u0301', // combining marks
  'Ｆｏｒｂｉｄｄｅｎ',
  'x'.repeat(100_000),
];

const accepted: [string, unknown][] = [
  ...core.ERROR_CODES.map((code): [string, unknown] => [`code ${code}`, body(error({ code }))]),
  ...ODD_TEXT.map((message, i): [string, unknown] => [`odd message ${i}`, body(error({ message }))]),
  ['details with nested values', body(error({ details: { a: [1, { b: null }], c: 'x', d: 1.5, e: false } }))],
  ['details with odd keys', body(error({ details: { '': 1, '\uD800': 2, 'a\nb': 3, constructor: 4, 'ü🔒': 5 } }))],
  ['details with undefined values', body(error({ details: { a: undefined } }))],
  [
    'a JSON __proto__ key in details and error',
    JSON.parse('{"error":{"code":"forbidden","message":"m","details":{"__proto__":{"x":1}},"__proto__":1}}'),
  ],
  ['extra fields in the error', body(error({ hint: 'x', status: 403 }))],
  ['extra fields beside the error', { ...body(error()), request_id: 'r1', error_description: 'x' }],
  [
    'objects without a prototype',
    Object.assign(Object.create(null), { error: Object.assign(Object.create(null), error()) }),
  ],
  ['fields inherited from a prototype', Object.create({ error: Object.create(error()) })],
  ['a Date as details', body(error({ details: new Date(0) }))],
  ['a Map as details', body(error({ details: new Map() }))],
];

const refused: [string, unknown][] = [
  ['an unknown code', body(error({ code: 'made_up' }))],
  ['an empty code', body(error({ code: '' }))],
  ['a code in capitals', body(error({ code: 'FORBIDDEN' }))],
  ['a code with a space', body(error({ code: ' forbidden' }))],
  ['a code with a NUL', body(error({ code: 'forbidden\u0000' }))],
  ['a code with a Cyrillic a', body(error({ code: 'b\u0430d_request' }))],
  ['a code in full-width letters', body(error({ code: 'ｆｏｒｂｉｄｄｅｎ' }))],
  ['a code with a zero-width space', body(error({ code: 'for\u200Bbidden' }))],
  ['a code with a combining mark', body(error({ code: 'forbidden\u0301' }))],
  ['a code decomposed (NFD) where it has none', body(error({ code: 'forbidden'.normalize('NFD') + '\u0308' }))],
  ['an Object.prototype name as code', body(error({ code: 'constructor' }))],
  ['__proto__ as code', body(error({ code: '__proto__' }))],
  ['a number as code', body(error({ code: 403 }))],
  ['null as code', body(error({ code: null }))],
  ['a code in an array', body(error({ code: ['forbidden'] }))],
  ['a String object as code', body(error({ code: new String('forbidden') }))],
  ['a symbol as code', body(error({ code: Symbol('forbidden') }))],
  ['no code', withoutField('code')],
  ['no message', withoutField('message')],
  ['no details', withoutField('details')],
  ['a number as message', body(error({ message: 1 }))],
  ['null as message', body(error({ message: null }))],
  ['an object as message', body(error({ message: { en: 'No.' } }))],
  ['a String object as message', body(error({ message: new String('No.') }))],
  ['null as details', body(error({ details: null }))],
  ['an array as details', body(error({ details: [] }))],
  ['an array with entries as details', body(error({ details: [{ a: 1 }] }))],
  ['a string as details', body(error({ details: 'x' }))],
  ['a number as details', body(error({ details: 0 }))],
  ['a function as details', body(error({ details: () => ({}) }))],
  ['undefined as details', body(error({ details: undefined }))],
  ['the error body without its envelope', error()],
  ['null as error', body(null)],
  ['an array as error', body([error()])],
  ['an array with the fields as error', body(Object.assign([], error()))],
  ['a string as error', body('forbidden')],
  ['a JSON string of the envelope', JSON.stringify(body(error()))],
  ['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
  ['an empty object', {}],
  ['an array holding the envelope', [body(error())]],
  ['an array with an error field', Object.assign([], body(error()))],
  ['null', null],
  ['undefined', undefined],
  ['a number', 502],
  ['true', true],
];

describe('the error envelope check without TypeBox', () => {
  it('accepts what the ErrorResponse schema accepts', () => {
    for (const [what, sample] of accepted) {
      expect(Value.Check(errors.ErrorResponse, sample), `schema: ${what}`).toBe(true);
      expect(core.isErrorResponse(sample), what).toBe(true);
    }
  });

  it('refuses what the ErrorResponse schema refuses', () => {
    for (const [what, sample] of refused) {
      expect(Value.Check(errors.ErrorResponse, sample), `schema: ${what}`).toBe(false);
      expect(core.isErrorResponse(sample), what).toBe(false);
    }
  });

  it('is what ApiError reads an answer with, and what errors.ts exports beside the schemas', () => {
    expect(core.ApiError.fromBody(403, body(error())).code).toBe('forbidden');
    expect(core.ApiError.fromBody(403, body(error({ code: 'made_up' }))).code).toBe('bad_request');
    expect(errors.isErrorResponse).toBe(core.isErrorResponse);
    expect(errors.ApiError).toBe(core.ApiError);
    expect(errors.ERROR_CODES).toBe(core.ERROR_CODES);
  });

  it('writes out the types of the schemas', () => {
    expectTypeOf<core.ErrorBody>().toEqualTypeOf<Static<typeof errors.ErrorBody>>();
    expectTypeOf<core.ErrorResponse>().toEqualTypeOf<Static<typeof errors.ErrorResponse>>();
    expectTypeOf<core.IpcError>().toEqualTypeOf<Static<typeof errors.IpcError>>();
  });
});
