import { useEffect, useState } from 'react';
import { type ManagementId, managementFromHash } from './management-ids.js';

/** The open Management screen (from location.hash), or null when the address is a My Account section. */
export function useManagementRoute(): ManagementId | null {
  const [screen, setScreen] = useState(() => managementFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setScreen(managementFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return screen;
}
