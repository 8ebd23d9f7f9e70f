import {
  type FastifyInstance,
  type FastifyBaseLogger,
  type RawServerDefault,
  type RawRequestDefaultExpression,
  type RawReplyDefaultExpression,
} from 'fastify';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/** The Fastify instance features receive: TypeBox schemas type the handlers' request and reply. */
export type ApplianceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
