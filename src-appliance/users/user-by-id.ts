/** The user an admin path names by `{id}`: the parameter's schema and the lookup that answers 404. */
import Type from 'typebox';
import { type Db } from '../db/engine.js';
import { httpError } from '../http/api-error.js';
import { userRepository } from './user-repository.js';
import { type UserRow } from './tables.js';

/** Path parameters arrive as strings (no type coercion): a positive decimal id. */
export const UserIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) });

export async function userById(db: Db, id: string): Promise<UserRow> {
  const user = await userRepository(db).findById(Number(id));
  if (!user) throw httpError(404, 'not_found', 'No such user.');
  return user;
}
