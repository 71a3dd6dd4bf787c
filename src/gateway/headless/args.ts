// Command-line arguments of the headless gateway.

/** What `npm run gateway -- …` was asked for. */
interface CliArgs {
  port?: number;
  settings?: string;
  ledger?: string;
}

const USAGE = 'usage: npm run gateway -- [--port N] [--settings FILE] [--ledger DIR]';

/** Parses `--name value` and `--name=value`; throws with the usage line on anything else. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(port|settings|ledger)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument ${JSON.stringify(argv[i])}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    if (m[1] === 'port') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`--port must be 0–65535, got ${JSON.stringify(value)}`);
      out.port = n;
    } else out[m[1] as 'settings' | 'ledger'] = value;
  }
  return out;
}
