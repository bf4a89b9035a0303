import type { IdentityCheck } from '../../src/drivers/identity-check.js';
import { isCetakError } from '../../src/errors.js';
import { openLink } from '../../src/transport/open-link.js';
import { readIdentityRounds } from './identity-reads.js';
import { identityVerdict } from './identity-verdict.js';

/**
 * `cetak doctor`'s proof that an Evolis printer is on `port`: the identity read `rounds` times,
 * each reply well-formed and the same every time. A port that opens and babbles (random bytes,
 * a wrong baud rate), echoes, stays silent or answers as another device fails, saying which.
 */
export const checkIdentity: IdentityCheck = async (port, options) => {
  let link: Awaited<ReturnType<typeof openLink>>;
  try {
    link = await openLink(port, { clock: options.clock });
  } catch (error) {
    if (!isCetakError(error)) throw error;
    return { passed: false, detail: error.message };
  }
  try {
    const trace = await readIdentityRounds(link, options.clock, options);
    return identityVerdict(port, trace, options.rounds);
  } finally {
    await link.close().catch(() => undefined);
  }
};
