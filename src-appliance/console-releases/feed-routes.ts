/**
 * The update feed in electron-updater's generic-provider format, gated by the per-install update
 * token (`Authorization: Bearer <update_token>`, else `401 update_token_invalid`):
 *   GET /api/console/updates/{platform}/latest.yml            (also latest-mac.yml, latest-linux.yml)
 *   GET /api/console/updates/{platform}/{version}/{file}      the artifact, streamed with Range/ETag
 * File URLs in latest.yml are relative, so the updater resolves them against the feed URL and sends
 * the same headers (the token) for the download.
 */
import fs from 'node:fs';
import path from 'node:path';
import Type from 'typebox';
import { dump as dumpYaml } from 'js-yaml';
import { type FastifyRequest } from 'fastify';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { ConsolePlatformParam, type ConsolePlatform } from '../../src-shared/api/updates.js';
import { type ConsoleRelease, releaseRepository } from './release-repository.js';
import { UpdateTokenVerifier } from './token-store.js';
import { sendArtifact } from './artifact-stream.js';

const CHANNEL_FILE = /^latest(-mac|-linux(-arm64|-armv7l)?)?\.yml$/;

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1]! : null;
}

export function releaseFileUrl(r: Pick<ConsoleRelease, 'version' | 'file_name'>): string {
  return `${encodeURIComponent(r.version)}/${encodeURIComponent(r.file_name)}`;
}

/**
 * The channel file electron-updater's GenericProvider reads. Each file carries the publisher's
 * `signature` (electron-updater passes unknown fields through to the console, which checks it).
 */
export function latestYml(r: ConsoleRelease): string {
  const url = releaseFileUrl(r);
  return dumpYaml(
    {
      version: r.version,
      files: [{ url, sha512: r.sha512, size: r.size, ...(r.signature ? { signature: r.signature } : {}) }],
      path: url,
      sha512: r.sha512,
      releaseDate: r.published_at,
    },
    { lineWidth: -1 },
  );
}

/**
 * latest.yml per platform, rebuilt only when the releases may have changed: another process
 * committed (ctx.changes noticed it: the publish-console CLI, another node) or this process
 * published (`releaseGeneration`). Update checks are the feed's most frequent request.
 */
let releaseGeneration = 0;
export function releasesChanged(): void {
  releaseGeneration++;
}

class ChannelFileCache {
  private readonly entries = new Map<ConsolePlatform, { key: string; yml: string | null }>();
  constructor(private readonly ctx: ApplianceContext) {}

  async get(platform: ConsolePlatform): Promise<string | null> {
    const key = `${this.ctx.changes.elsewhereVersion}:${releaseGeneration}`;
    const hit = this.entries.get(platform);
    if (hit?.key === key) return hit.yml;
    const release = await releaseRepository(this.ctx.db).latest(platform);
    const yml = release ? latestYml(release) : null;
    this.entries.set(platform, { key, yml });
    return yml;
  }
}

export function registerFeedRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const tokens = new UpdateTokenVerifier(ctx.db);
  const channelCache = new ChannelFileCache(ctx);
  const requireUpdateToken = async (request: FastifyRequest) => {
    const ok = await tokens.verify(bearer(request), ctx.clock.now());
    if (!ok) {
      throw httpError(
        401,
        'update_token_invalid',
        'A valid update token is required (Authorization: Bearer <update_token>)',
      );
    }
  };
  const noRelease = (platform: ConsolePlatform) =>
    httpError(404, 'download_unavailable', `No console release is published for ${platform}`);

  app.get(
    '/api/console/updates/:platform/:channel',
    {
      schema: {
        hide: false,
        tags: ['updates'],
        summary: 'Update feed channel file (electron-updater generic provider)',
        security: [{ bearer: [] }],
        params: Type.Object({ platform: ConsolePlatformParam, channel: Type.String({ maxLength: 64 }) }),
      },
      onRequest: requireUpdateToken,
    },
    async (request, reply) => {
      const { platform, channel } = request.params;
      if (!CHANNEL_FILE.test(channel)) throw httpError(404, 'not_found', `No channel file ${channel}`);
      const yml = await channelCache.get(platform);
      if (!yml) throw noRelease(platform);
      reply.header('cache-control', 'no-cache');
      return reply.type('text/yaml; charset=utf-8').send(yml);
    },
  );

  app.get(
    '/api/console/updates/:platform/:version/:file',
    {
      schema: {
        tags: ['updates'],
        summary: 'A console build from the update feed (Range, ETag)',
        security: [{ bearer: [] }],
        params: Type.Object({
          platform: ConsolePlatformParam,
          version: Type.String({ maxLength: 64 }),
          file: Type.String({ maxLength: 200 }),
        }),
      },
      onRequest: requireUpdateToken,
    },
    async (request, reply) => {
      const { platform, version, file } = request.params;
      // Looked up by exact (platform, version, name) in the database: a path never comes from the URL.
      const release = await releaseRepository(ctx.db).find(platform, version, file);
      if (!release) throw noRelease(platform);
      const absPath = path.join(ctx.config.dataDir, release.stored_path);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absPath);
      } catch {
        throw httpError(
          404,
          'download_unavailable',
          `The file of console ${version} for ${platform} is missing on the appliance`,
        );
      }
      const etag = `"${Buffer.from(release.sha512, 'base64').toString('base64url').slice(0, 22)}-${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}"`;
      return sendArtifact(request, reply, {
        absPath,
        size: stat.size,
        etag,
        fileName: release.file_name,
        contentType: 'application/octet-stream',
      });
    },
  );
}
