// The unmodified npm package `open311` (codeforamerica/node-open311) against a running QualityCity:
// node --test, with OPEN311_BASE (e.g. http://127.0.0.1:5080/open311/v2/) and OPEN311_API_KEY.
// The xUnit test Open311ClientTests starts the platform, makes a key and runs this file.
const test = require('node:test');
const assert = require('node:assert/strict');
const Open311 = require('open311');
const validate = require('./validate.js');

const base = process.env.OPEN311_BASE;
const apiKey = process.env.OPEN311_API_KEY;
const jurisdiction = process.env.OPEN311_JURISDICTION || 'liaocheng.gov.cn';
if (!base || !apiKey) {
  throw new Error('set OPEN311_BASE and OPEN311_API_KEY');
}

const contact = {email: 'client.test@example.cn', phone: '13700001111', first_name: '小红', last_name: '赵'};

function client(format, options = {}) {
  return new Open311({endpoint: base, format, apiKey, ...options});
}

// The client's callbacks are (error, data); an error's data is its message.
function call(c, method, ...args) {
  return new Promise((resolve, reject) => c[method](...args, (err, data) => (err ? reject(new Error(`${method}: ${data}`)) : resolve(data))));
}

async function raw(path) {
  const response = await fetch(new URL(path, base));
  return {status: response.status, type: response.headers.get('content-type'), text: await response.text()};
}

for (const format of ['json', 'xml']) {
  test(`${format}: discovery points the client at this endpoint`, async () => {
    const c = new Open311({discovery: new URL(`discovery.${format}`, base).href});
    const discovery = await call(c, 'serviceDiscovery', {cache: true});
    assert.equal(discovery.jurisdiction_id, jurisdiction);
    assert.equal(c.endpoint, base.endsWith('/') ? base : base + '/');
  });

  test(`${format}: the service list and a definition`, async () => {
    const c = client(format);
    const services = await call(c, 'serviceList');
    assert.ok(Array.isArray(services) && services.length > 10);
    const prepaid = services.find(s => s.service_code === 'prepaid-refund');
    assert.ok(prepaid, 'prepaid-refund listed');
    assert.equal(prepaid.metadata, true);
    assert.equal(prepaid.type, 'realtime');
    const definition = await call(c, 'serviceDefinition', 'prepaid-refund');
    assert.equal(definition.service_code, 'prepaid-refund');
    const attributes = Array.isArray(definition.attributes) ? definition.attributes : [definition.attributes];
    assert.deepEqual(attributes.map(a => a.code), ['issuer', 'amount']);
    assert.equal(attributes[0].required, true);
  });

  test(`${format}: create a request, resolve its token, read it by id and in lists`, async () => {
    const c = client(format, {jurisdiction});
    const description = `${format} 客户端：预付卡退费被拒 <会员> & "余额" 800 元`;
    const created = await call(c, 'submitRequest', {
      service_code: 'prepaid-refund', lat: 36.4567, long: 115.9851, address_string: '聊城市东昌府区古楼街道 某某美容店',
      description, media_url: 'https://img.example.cn/receipt.jpg', ...contact,
      attributes: {issuer: '某某美容店', amount: '800'},
    });
    assert.ok(Array.isArray(created) && created.length === 1);
    const id = String(created[0].service_request_id);
    assert.match(id, /^\d+$/);
    const token = String(created[0].service_notice).match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}/)[0];

    const tokens = await call(c, 'token', token);
    assert.equal(String(tokens[0].service_request_id), id);

    const one = await call(c, 'serviceRequest', id);
    assert.ok(Array.isArray(one) && one.length === 1);
    const request = one[0];
    assert.equal(String(request.service_request_id), id);
    assert.equal(request.status, 'open');
    assert.equal(request.service_code, 'prepaid-refund');
    assert.equal(request.description, description);
    assert.equal(Number(request.lat), 36.4567);
    assert.equal(request.media_url, 'https://img.example.cn/receipt.jpg');
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      assert.ok(request[field] instanceof Date && !isNaN(request[field]), `${field} is a date`);
    }

    const byIds = await call(c, 'serviceRequests', [id]);
    assert.deepEqual(byIds.map(r => String(r.service_request_id)), [id]);
    const open = await call(c, 'serviceRequests', {service_code: 'prepaid-refund', status: 'open'});
    assert.ok(open.some(r => String(r.service_request_id) === id));
    // An empty list in XML is an empty element, which the client's XML reading turns into null.
    const closed = (await call(c, 'serviceRequests', {service_code: 'prepaid-refund', status: 'closed'})) || [];
    assert.ok(!closed.some(r => String(r.service_request_id) === id));

    // The raw answers: the community schemas, and the contact nowhere.
    for (const path of [`requests/${id}.${format}`, `requests.${format}?service_code=prepaid-refund`, `tokens/${token}.${format}`, `services.${format}`]) {
      const answer = await raw(path);
      assert.equal(answer.status, 200, path);
      for (const value of Object.values(contact)) assert.ok(!answer.text.includes(value), `${path} shows ${value}`);
    }
    if (format === 'json') {
      for (const [path, schema] of [[`requests/${id}.json`, 'requests.json'], ['requests.json', 'requests.json'], ['services.json', 'services.json']]) {
        const result = validate(schema, JSON.parse((await raw(path)).text));
        assert.ok(result.ok, `${path}: ${result.errors.join('; ')}`);
      }
      const definition = validate('service-definition.json', JSON.parse((await raw('services/prepaid-refund.json')).text));
      assert.ok(definition.ok, definition.errors.join('; '));
    } else {
      assert.match((await raw(`requests/${id}.xml`)).text, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    }
  });

  test(`${format}: a wrong key and an unknown request are refused`, async () => {
    const wrong = new Open311({endpoint: base, format, apiKey: 'o311_not-a-key'});
    await assert.rejects(call(wrong, 'submitRequest', {service_code: 'food-catering', address_string: '阳谷县', description: '后厨卫生很差。'}), /403/);
    await assert.rejects(call(client(format), 'serviceRequest', '999999999'), /404/);
    const error = await raw(`requests/999999999.${format}`);
    assert.equal(error.status, 404);
    if (format === 'json') {
      const body = JSON.parse(error.text);
      assert.equal(body[0].code, 404);
      assert.equal(typeof body[0].description, 'string');
    } else {
      assert.match(error.text, /<errors><error><code>404<\/code><description>/);
    }
  });
}
