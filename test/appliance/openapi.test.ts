/** `GET /api/openapi.json` is generated from the route schemas (request bodies, params, responses). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { call } from '../support/api-client.js';
import { ERROR_CODES, ErrorResponse } from '../../src-shared/errors.js';

let app: TestAppliance;
beforeAll(async () => {
  app = await startTestAppliance();
});
afterAll(() => app.close());

describe('OpenAPI document', () => {
  it('is public JSON, OpenAPI 3.1, and carries the schemas of the routes', async () => {
    const res = await call(app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login'].post;
    const body = login.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['username', 'password', 'client']));
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '423']));
    expect(
      login.responses['200'].content['application/json'].schema.properties.account.properties.display_names_synced.type,
    ).toBe('boolean');
    const patch = doc.paths['/api/admin/users/{id}'].patch;
    expect(patch.parameters.find((p: { name: string; in: string }) => p.name === 'id' && p.in === 'path')).toBeTruthy();
    expect(doc.paths['/api/account'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(doc.components.securitySchemes.cookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'session' });
  });

  it('documents every error answer with the one shared envelope, every stable code listed', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    const envelope = doc.components.schemas.ErrorResponse.properties.error;
    expect(envelope.required).toEqual(ErrorResponse.properties.error.required);
    expect(Object.keys(envelope.properties)).toEqual(Object.keys(ErrorResponse.properties.error.properties));
    expect(envelope.properties.code.enum).toEqual([...ERROR_CODES]);
    const errorRefs = Object.values(
      doc.paths as Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: { $ref?: string } }> }> }>
      >,
    )
      .flatMap((ops) => Object.values(ops))
      .flatMap((op) => Object.entries(op.responses).filter(([status]) => Number(status) >= 400))
      .map(([, res]) => res.content['application/json']?.schema.$ref);
    expect(errorRefs.length).toBeGreaterThan(20);
    expect(new Set(errorRefs)).toEqual(new Set(['#/components/schemas/ErrorResponse']));
  });

  it('every route that refuses an anonymous caller with 401 documents its security (the photo upload did not)', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const undocumented: string[] = [];
    let guarded = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const concrete = path.replace(/\{[^}]+\}/g, '1');
        const hasBody = !['get', 'head', 'delete'].includes(method);
        const res = await call(app, method.toUpperCase(), concrete, { body: hasBody ? {} : undefined });
        if (res.status !== 401) continue;
        guarded++;
        if (!op.security || op.security.length === 0) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(guarded).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
    expect(doc.paths['/api/account/photo']!.put!.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });
});
