/**
 * `npm run extract -- FILE [--url URL] [--payload FILE]...`: prints the ExtractResult of a saved page, a bare
 * script text (`window.runParams = …`) or a JSON payload (runParams data, dida init data, a pdp query
 * response, a freight response), with money as numbers in major units. QA runs it when AliExpress changes a
 * page. Exit code 0 whenever a result was printed (whatever its status), 2 for a usage error.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { extract } from '../shared/extract/index.ts';
import type { DocumentLike, ExtractResult, PageInput, PriceRange } from '../shared/extract/types.ts';
import { toMajor } from '../shared/money.ts';

const USAGE = 'usage: npm run extract -- FILE [--url URL] [--payload FILE]...';

export interface CliArgs {
  file: string;
  url?: string;
  payloadFiles: string[];
}

export function parseArgs(argv: string[]): CliArgs | null {
  let file: string | undefined;
  let url: string | undefined;
  const payloadFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--url') url = argv[++i];
    else if (arg === '--payload') {
      const p = argv[++i];
      if (p === undefined) return null;
      payloadFiles.push(p);
    } else if (arg.startsWith('--')) return null;
    else if (file === undefined) file = arg;
    else return null;
  }
  if (file === undefined || (argv.includes('--url') && !url)) return null;
  return { file, url, payloadFiles };
}

/** The same result with every amount in major units of its currency (for people, never for arithmetic). */
export function printable(result: ExtractResult): unknown {
  const currency = result.currency;
  const major = (minor: number | null) =>
    minor === null || currency === null ? null : toMajor(minor, currency);
  const range = (r: PriceRange | null) => (r ? { min: major(r.min), max: major(r.max) } : null);
  return {
    ...result,
    price: range(result.price),
    originalPrice: range(result.originalPrice),
    skus: result.skus.map((s) => ({ ...s, price: major(s.price), originalPrice: major(s.originalPrice) })),
    shipping: result.shipping && {
      ...result.shipping,
      amount:
        result.shipping.amount === null || result.shipping.currency === null
          ? null
          : toMajor(result.shipping.amount, result.shipping.currency),
    },
  };
}

export function extractFile(args: CliArgs): ExtractResult {
  const text = readFileSync(args.file, 'utf8');
  const input: PageInput = { url: args.url, html: text };
  if (args.payloadFiles.length > 0) input.payloads = args.payloadFiles.map((f) => readFileSync(f, 'utf8'));
  // A saved rendered page also gets its DOM, as the content script would hand it over.
  if (/^\s*(?:<!doctype html|<html)/i.test(text))
    input.document = parseHTML(text).document as unknown as DocumentLike;
  return extract(input);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    process.exit(2);
  }
  let result: ExtractResult;
  try {
    result = extractFile(args);
  } catch (error) {
    console.error(`cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  console.log(JSON.stringify(printable(result), null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
