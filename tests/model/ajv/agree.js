// Validates records with ajv (draft 2020-12, strict, all errors, ajv-formats) and prints, as
// JSON, the verdict on each: the other half of test_schema_ajv.py. Reads the file named first.
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const data = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const validators = {};
for (const [kind, schema] of Object.entries(data.schemas)) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  validators[kind] = ajv.compile(schema);
}
process.stdout.write(JSON.stringify(data.cases.map((c) => validators[c.kind](c.record))));
