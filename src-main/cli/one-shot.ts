/**
 * Imported first by the commands that run once and exit (diagnose, fix): zod then parses by interpretation in their
 * process. zod otherwise compiles each object schema into a parser with `new Function` on its first parse; a process
 * that parses each schema a handful of times pays that compile on every run (V8's code cache does not hold code made
 * by `new Function`) and gains little from the faster parser. A schema reads the setting when it is built, so this
 * must run before the schema modules do. The long-running `ui` backend keeps the compiled parsers.
 */
import { z } from 'zod';

z.config({ jitless: true });
