/**
 * `POST /api/admin/console-releases?platform=&version=&file_name=`: an admin publishes a console
 * build from the browser (Management > Console software), with the same checks as
 * `publish-console` (release-store.ts publishRelease): the build is the raw body, streamed through
 * the hash into a temporary file and never held in memory, its signature in `X-Release-Signature`.
 * The admin check runs before a byte of the body is read; version, platform, name, signature
 * presence and an existing release are refused before the body is read too; a wrong signature,
 * a body over the cap or one that does not arrive in full leaves no file and no record.
 */
import { type FastifyRequest } from 'fastify';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { cappedUpload, installUploadBody } from '../http/upload-body.js';
import { requireAdmin } from '../auth/session-guard.js';
import { appendAudit } from '../audit/audit-log.js';
import { readConsoleVersion } from './site-version.js';
import { PublishError, type PublishInput } from './release-store.js';
import { type ConsoleRelease } from './release-repository.js';
import {
  RELEASE_SIGNATURE_HEADER,
  ReleasePublished,
  ReleaseUploadQuery,
  type ConsoleReleaseInfo,
  type ConsolePlatform,
} from '../../src-shared/api/updates.js';

const PLATFORM_LABEL: Record<ConsolePlatform, string> = { win: 'Windows', mac: 'macOS', linux: 'Linux' };

/** What the feature hands in (feature.ts publishConsole, releaseInfo), so this file does not import it back. */
interface Publishing {
  publish(
    ctx: ApplianceContext,
    input: Omit<PublishInput, 'dataDir' | 'now' | 'releaseKeys'>,
  ): Promise<ConsoleRelease & { siteUpdated: boolean }>;
  info(release: ConsoleRelease): ConsoleReleaseInfo;
}

function signatureOf(request: FastifyRequest): string | null {
  const value = request.headers[RELEASE_SIGNATURE_HEADER];
  return typeof value === 'string' ? value : null;
}

export async function registerPublishRoute(app: ApplianceApp, ctx: ApplianceContext, how: Publishing): Promise<void> {
  await app.register(async (plain) => {
    installUploadBody(plain);
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.post(
      '/api/admin/console-releases',
      {
        schema: {
          tags: ['updates', 'admin'],
          summary:
            'Publish a console build: the file as the raw body (application/octet-stream), its signature in X-Release-Signature',
          security: SESSION_SECURITY,
          querystring: ReleaseUploadQuery,
          response: { 201: ReleasePublished, ...errorResponses(400, 401, 403, 409, 413, 415) },
        },
        onRequest: requireAdmin(ctx),
      },
      async (request, reply) => {
        const { platform, version, file_name } = request.query;
        const before = await readConsoleVersion(ctx.db);
        let release: Awaited<ReturnType<Publishing['publish']>>;
        try {
          release = await how.publish(ctx, {
            platform,
            version,
            signature: signatureOf(request),
            // Read only when publishRelease copies it, after its checks: a refusal before the copy
            // reads nothing, and a stream nobody copies never fails unheard.
            file: {
              name: file_name,
              get stream() {
                return cappedUpload(request, ctx.config.uploadMaxBytes);
              },
            },
          });
        } catch (err) {
          if (err instanceof PublishError) throw httpError(statusOf(err), err.code, err.message);
          throw err;
        }
        const consoleVersion = (await readConsoleVersion(ctx.db)) ?? release.version;
        await appendAudit(
          ctx.db,
          request,
          {
            kind: 'release.published',
            target: {
              target: `release:${platform}/${release.version}`,
              label: `${PLATFORM_LABEL[platform]} ${release.version}`,
            },
            changes: {
              file_name: { old: null, new: release.file_name },
              size: { old: null, new: release.size },
              sha512: { old: null, new: release.sha512 },
              ...(release.siteUpdated ? { console_version: { old: before, new: consoleVersion } } : {}),
            },
          },
          ctx.clock.now(),
        );
        return reply
          .status(201)
          .send({ release: how.info(release), site_updated: release.siteUpdated, console_version: consoleVersion });
      },
    );
  });
}

function statusOf(err: PublishError): number {
  return err.code === 'release_exists' ? 409 : 400;
}
