/**
 * The publisher's release public keys built into every console (and the keys `publish-console`
 * accepts unless the appliance is told otherwise with APPLIANCE_RELEASE_KEYS). More than one while
 * a key is being replaced: sign new releases with the new key, ship consoles that know both, then
 * drop the old one.
 *
 * A publisher building this console for their own customers replaces this list with the line
 * `npm run appliance -- release-key generate` prints; IT can pin other keys per install with the
 * MSI property RELEASEKEY (install-config.ini). The private key of the key below is not in this
 * repository and not on any appliance.
 */
export const BUILT_IN_RELEASE_KEYS: readonly string[] = ['ed25519:1-riQM9NJnxnF1tc24roF59lZW8Hi5_DhyfGtnTzELU'];
