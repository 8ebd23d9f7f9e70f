/**
 * The argon2id cost of new password hashes. Its own file: the context names it, and the hashing
 * code takes the context, so neither imports the other for it. Memory in KiB, passes over it, lanes.
 */
export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}
