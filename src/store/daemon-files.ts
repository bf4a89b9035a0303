import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { DataDir } from './data-dir.js';
import { ownerOnly } from './data-dir.js';

/**
 * The token that guards every change through the status port: the config's, or one generated at
 * first start into `<data-dir>/token`, readable by the owner only.
 */
export function readOrCreateToken(
  dataDir: DataDir,
  configured: string | undefined,
  file: string = dataDir.token,
): string {
  if (configured !== undefined) return configured;
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return token;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  ownerOnly(file);
  return token;
}

/** Tells tools (the `cetak` CLI) where this daemon listens. */
export function writeDaemonInfo(dataDir: DataDir, url: string, startedAt: number, timeZone: string): void {
  // The site's zone, so `cetak` on this PC shows times as the office reads its clock.
  const info = { url, pid: process.pid, startedAt: new Date(startedAt).toISOString(), timeZone };
  writeFileSync(dataDir.daemonInfo, `${JSON.stringify(info)}\n`, { mode: 0o600 });
}

export function removeDaemonInfo(dataDir: DataDir): void {
  rmSync(dataDir.daemonInfo, { force: true });
}
