/**
 * The elevation service's registry file as regedit writes and reads it: UTF-16LE with a byte-order
 * mark, CRLF line ends, `Windows Registry Editor Version 5.00` first, a blank line before each key.
 */

/** Where the elevation service looks for the site hash (64-bit view on 64-bit Windows). */
export const ELEVATION_SERVICE_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Support Console Project\\Elevation Service';

/** A REG_SZ value in .reg syntax: backslashes and quotes escaped, no line breaks. */
export function regString(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('a .reg string value cannot hold a line break');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface ElevationRegistryValues {
  siteHash: string;
  siteUrl: string;
  softwareVersion: string;
}

export function elevationServiceRegText(v: ElevationRegistryValues): string {
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[${ELEVATION_SERVICE_KEY}]`,
    `"SiteHash"=${regString(v.siteHash)}`,
    `"SiteUrl"=${regString(v.siteUrl)}`,
    `"SoftwareVersion"=${regString(v.softwareVersion)}`,
    '',
    '',
  ].join('\r\n');
}

/** The file's bytes: BOM FF FE, then the text in UTF-16LE. */
export function encodeRegFile(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
