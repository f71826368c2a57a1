// Validates raw Open311 JSON answers against the community's GeoReport v2 schemas with ajv (a second
// validator beside the xUnit tests' JsonSchema.Net), plus the check the schemas leave out: list items are objects.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const dir = process.env.OPEN311_SCHEMAS || path.join(__dirname, '..', 'QualityCity.Web.Tests', 'Fixtures', 'open311-georeport-v2');
const ajv = new Ajv({allErrors: true, strict: false});
addFormats(ajv);
for (const file of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json']) {
  // Keyed by file name, so that "$ref": "request.json" resolves.
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file);
}

module.exports = function validate(schema, data) {
  const check = ajv.getSchema(schema);
  const ok = check(data);
  const errors = ok ? [] : check.errors.map(e => `${e.instancePath} ${e.message}`);
  if ((schema === 'requests.json' || schema === 'services.json') && Array.isArray(data)) {
    data.forEach((item, i) => { if (item === null || typeof item !== 'object' || Array.isArray(item)) errors.push(`/${i} is not an object`); });
  }
  return {ok: errors.length === 0, errors};
};
