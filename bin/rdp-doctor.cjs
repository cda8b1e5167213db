#!/usr/bin/env node
// The installed command: runs the prebuilt CLI bundle (plain JavaScript, no TypeScript loader).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'rdp-doctor.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('rdp-doctor: not built yet; run "npm run build" in ' + path.join(__dirname, '..') + '\n');
  process.exit(3);
}
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
