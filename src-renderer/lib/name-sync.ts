/**
 * The display-name fields as the seed describes them: while synced, what is typed in the private
 * name is copied into the public one; typing a different public name unsyncs them; making them
 * equal again syncs them. Same rule as the appliance (src-shared/display-names.ts).
 */
export interface NameFields {
  privateName: string;
  publicName: string;
  synced: boolean;
}

export function initialNames(privateName: string, publicName: string): NameFields {
  return { privateName, publicName, synced: privateName === publicName };
}

export function typePrivateName(s: NameFields, value: string): NameFields {
  if (s.synced) return { privateName: value, publicName: value, synced: true };
  return { privateName: value, publicName: s.publicName, synced: value === s.publicName };
}

export function typePublicName(s: NameFields, value: string): NameFields {
  return { privateName: s.privateName, publicName: value, synced: value === s.privateName };
}
