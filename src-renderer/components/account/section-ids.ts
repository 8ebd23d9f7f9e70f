/** The My Account sections, in the seed's order, and the hash route (#/name) that opens each. */
export const SECTION_IDS = [
  'downloads',
  'availability',
  'email',
  'photo',
  'password',
  'two-factor',
  'passkeys',
  'names',
  'sessions',
  'activity',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export function sectionFromHash(hash: string): SectionId | null {
  const id = hash.replace(/^#\/?/, '');
  return (SECTION_IDS as readonly string[]).includes(id) ? (id as SectionId) : null;
}
