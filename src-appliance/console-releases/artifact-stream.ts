/**
 * Sends a file from disk with `ETag`/`If-None-Match`, `Range`/`If-Range` (one range; a multi-range
 * request gets the whole file, which RFC 9110 allows) and streaming: the file is never read into
 * memory (see ./file-pump.ts).
 */
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { httpError } from '../http/api-error.js';
import { pumpFile } from './file-pump.js';

export interface ArtifactFile {
  absPath: string;
  size: number;
  /** A strong validator of the content (derived from its hash). */
  etag: string;
  fileName: string;
  contentType: string;
}

type ByteRange = { start: number; end: number };

/** Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`; null = ignore the header, 'unsatisfiable' = 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null; // multi-range or another unit: serve the whole file
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function sendArtifact(request: FastifyRequest, reply: FastifyReply, file: ArtifactFile): FastifyReply {
  reply.header('etag', file.etag);
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', 'private, no-cache');
  reply.header('content-disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`);
  if (etagMatches(request.headers['if-none-match'], file.etag)) return reply.status(304).send();

  const ifRange = request.headers['if-range'] as string | undefined;
  // If-Range with another validator (or a date, which we do not issue): the whole new file.
  const rangeHeader = ifRange === undefined || ifRange.trim() === file.etag ? request.headers.range : undefined;
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    throw httpError(416, 'range_not_satisfiable', `Range "${rangeHeader}" is outside the ${file.size}-byte file`, {
      size: file.size,
    });
  }
  const status = range ? 206 : 200;
  const start = range ? range.start : 0;
  const end = range ? range.end : file.size - 1;
  const headers: Record<string, string | number> = {
    ...(reply.getHeaders() as Record<string, string | number>),
    'content-type': file.contentType,
    'content-length': end - start + 1,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
  // The body bypasses Fastify's serialisation and hooks (headers above are all it would add).
  reply.hijack();
  reply.raw.writeHead(status, headers);
  if (request.method === 'HEAD' || file.size === 0) {
    reply.raw.end();
    return reply;
  }
  void pumpFile(reply.raw, file.absPath, start, end);
  return reply;
}
