// A stand-in chip personaliser for the integration tests: reads the card on stdin (as the command
// encoder hands it over) and prints a UID derived from the job id, so each card gets its own.
import { createHash } from 'node:crypto';

let stdin = '';
for await (const chunk of process.stdin) stdin += chunk;
const { jobId } = JSON.parse(stdin);
process.stdout.write(`04${createHash('sha256').update(jobId).digest('hex').slice(0, 12)}\n`);
