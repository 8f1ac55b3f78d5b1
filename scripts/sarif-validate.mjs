// Validates SARIF logs against the SARIF 2.1.0 JSON schema (draft-07) with ajv 8 and ajv-formats.
//   node scripts/sarif-validate.mjs SCHEMA.json [--expect-invalid] LOG.sarif…
// Run by scripts/sarif-validate.sh, which installs ajv into the tools cache (NODE_PATH) first.
// Prints "ok LOG" or "FAIL LOG" with ajv's errors per log; exits 1 when any log is not as expected
// (a log after --expect-invalid must be rejected: it checks that the validator checks).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + "/" : import.meta.url);
const Ajv = require("ajv").default;
const addFormats = require("ajv-formats").default;

const [schemaPath, ...rest] = process.argv.slice(2);
if (!schemaPath || rest.length === 0) {
  console.error("usage: sarif-validate.mjs SCHEMA.json [--expect-invalid] LOG.sarif…");
  process.exit(2);
}
// unicodeRegExp: false — the schema's pattern for `language`,
// "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", has a stray "]" that is a syntax error under
// JavaScript's `u` flag (ajv's default) and a literal character without it, as the schema's
// authors' tools read it.
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

let bad = 0;
let expectInvalid = false;
for (const arg of rest) {
  if (arg === "--expect-invalid") {
    expectInvalid = true;
    continue;
  }
  let valid = false;
  let why = "";
  try {
    valid = validate(JSON.parse(readFileSync(arg, "utf8")));
    if (!valid) why = ajv.errorsText(validate.errors, { separator: "\n  " });
  } catch (e) {
    why = String(e);
  }
  if (valid !== expectInvalid) {
    console.log(`ok ${arg}${expectInvalid ? " (rejected as expected)" : ""}`);
  } else {
    bad++;
    console.log(`FAIL ${arg}${expectInvalid ? " (accepted, expected a rejection)" : ""}\n  ${why}`);
  }
}
process.exit(bad ? 1 : 0);
