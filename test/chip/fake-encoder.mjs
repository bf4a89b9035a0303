// A stand-in for PC/SC personalisation software, run by the command encoder's tests.
// Usage: node fake-encoder.mjs <mode> [file]
//   uid <file>   write what it was given (stdin, CETAK_* env) to <file>, then print a UID last
//   exit <code>  read nothing, exit with <code>
//   echo-fail    echo stdin to stdout and stderr, then exit 1
//   hang <file>  write its pid to <file> and never finish; a SIGTERM is only noted in <file>.term
import { writeFileSync } from 'node:fs';

const [mode, arg] = process.argv.slice(2);

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

if (mode === 'uid') {
  const stdin = await readStdin();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('CETAK_')));
  writeFileSync(arg, JSON.stringify({ stdin, env }));
  process.stdout.write('reader: ACS ACR1252\npersonalised\n  04a1b2c3d4e5f6  \n\n');
} else if (mode === 'exit') {
  process.exit(Number(arg));
} else if (mode === 'echo-fail') {
  const stdin = await readStdin();
  process.stdout.write(stdin);
  process.stderr.write(`cannot write chip for ${stdin}`);
  process.exitCode = 1;
} else if (mode === 'hang') {
  process.on('SIGTERM', () => writeFileSync(`${arg}.term`, 'SIGTERM'));
  writeFileSync(arg, String(process.pid));
  setInterval(() => {}, 1000);
}
