/**
 * Turns the packaged app folder into a WiX fragment (ComponentGroup "AppFiles" under INSTALLDIR):
 * one component per file, as WiX's own harvester does. Component GUIDs and table keys are derived
 * from the file's relative path, so the same file keeps the same component across versions (the
 * component rules a major upgrade relies on).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface HarvestedFile {
  /** Path relative to the app folder, with forward slashes (wixl resolves Source relative to its working folder). */
  relPath: string;
}

/** Characters Windows does not allow in a file name (and control characters). */
const WINDOWS_FORBIDDEN = /[<>:"\\|?*]/;
const hasControlChar = (name: string) => [...name].some((c) => c.charCodeAt(0) < 0x20);

/**
 * Every regular file under `dir`, sorted (stable output). Symlinks and names Windows cannot hold
 * are refused (the install would fail with 1603 on the target); empty folders are ignored.
 */
export function listAppFiles(dir: string): HarvestedFile[] {
  const out: HarvestedFile[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const childAbs = path.join(abs, entry.name);
      if (WINDOWS_FORBIDDEN.test(entry.name) || hasControlChar(entry.name) || /[. ]$/.test(entry.name))
        throw new Error(`${childAbs}: the name is not valid on Windows`);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(childAbs, childRel);
      else if (entry.isFile()) out.push({ relPath: childRel });
      else
        throw new Error(`${childAbs}: only regular files and folders can be packaged (symbolic link or device found)`);
    }
  };
  walk(dir, '');
  return out;
}

/** A name-based GUID (RFC 4122 version 5 layout over SHA-1) from a namespace GUID and a name. */
export function nameGuid(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/[{}-]/g, ''), 'hex');
  const h = crypto.createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A table key wixl accepts (identifier, at most 72 characters) that is stable for a path. */
function key(prefix: string, relPath: string): string {
  return `${prefix}_${crypto.createHash('sha256').update(relPath).digest('hex').slice(0, 40)}`;
}

export function xmlAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The WiX fragment for `files`. `guidNamespace` is the product's upgrade code, `win64` its platform. */
export function harvestFragment(files: HarvestedFile[], guidNamespace: string, win64: boolean): string {
  if (files.length === 0) throw new Error('the app folder holds no files');
  interface Dir {
    id: string;
    name: string;
    dirs: Map<string, Dir>;
    files: HarvestedFile[];
  }
  const root: Dir = { id: 'INSTALLDIR', name: '', dirs: new Map(), files: [] };
  for (const f of files) {
    const parts = f.relPath.split('/');
    let dir = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const sub = parts.slice(0, i + 1).join('/');
      let next = dir.dirs.get(parts[i]!);
      if (!next) dir.dirs.set(parts[i]!, (next = { id: key('d', sub), name: parts[i]!, dirs: new Map(), files: [] }));
      dir = next;
    }
    dir.files.push(f);
  }

  const componentIds: string[] = [];
  const emit = (dir: Dir, indent: string): string[] => {
    const lines: string[] = [];
    for (const f of dir.files) {
      const c = key('c', f.relPath);
      componentIds.push(c);
      lines.push(
        `${indent}<Component Id="${c}" Guid="${nameGuid(guidNamespace, f.relPath)}" Win64="${win64 ? 'yes' : 'no'}">`,
        `${indent}  <File Id="${key('f', f.relPath)}" Name="${xmlAttr(path.posix.basename(f.relPath))}" Source="${xmlAttr(f.relPath)}" KeyPath="yes" />`,
        // Removes the folder itself on uninstall once it is empty (wine leaves created folders behind otherwise).
        `${indent}  <RemoveFolder Id="${key('r', f.relPath)}" On="uninstall" />`,
        `${indent}</Component>`,
      );
    }
    for (const sub of dir.dirs.values()) {
      lines.push(
        `${indent}<Directory Id="${sub.id}" Name="${xmlAttr(sub.name)}">`,
        ...emit(sub, `${indent}  `),
        `${indent}</Directory>`,
      );
    }
    return lines;
  };
  const body = emit(root, '      ');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
    '  <Fragment>',
    '    <DirectoryRef Id="INSTALLDIR">',
    ...body,
    '    </DirectoryRef>',
    '    <ComponentGroup Id="AppFiles">',
    ...componentIds.map((c) => `      <ComponentRef Id="${c}" />`),
    '    </ComponentGroup>',
    '  </Fragment>',
    '</Wix>',
    '',
  ].join('\n');
}
