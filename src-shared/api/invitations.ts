import Type, { type Static } from 'typebox';
import { Username } from './common.js';

export const InvitationRequest = Type.Object(
  { to_username: Username, message: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type InvitationRequest = Static<typeof InvitationRequest>;

export const InvitationResult = Type.Object({
  id: Type.String(),
  delivered_by: Type.Union([Type.Literal('console'), Type.Literal('email')]),
});
export type InvitationResult = Static<typeof InvitationResult>;
