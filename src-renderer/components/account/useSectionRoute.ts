import { useEffect, useState } from 'react';
import { type SectionId, sectionFromHash } from './section-ids.js';

/** The open section follows location.hash, so links, back/forward and reloads keep it. */
export function useSectionRoute(fallback: SectionId): SectionId {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(window.location.hash) ?? fallback);
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(window.location.hash) ?? fallback);
    window.addEventListener('hashchange', onHash);
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, [fallback]);
  return section;
}
