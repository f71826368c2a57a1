// Stand-in for the GitHub-only dependency `sparkxml` of npm `open311`: parseXml(xml) per the Open311
// "Spark convention" (element with no child elements -> its text, typed; exactly one child element -> array;
// otherwise object keyed by child name, switching to an array when a name repeats).
const {DOMParser} = require('@xmldom/xmldom');
function typed(v) {
  if (v === '') return v;
  const n = Number(v); if (!isNaN(n)) return n;
  const l = v.toLowerCase(); if (l === 'true') return true; if (l === 'false') return false;
  return v;
}
function conv(el) {
  const kids = []; for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) kids.push(n);
  if (kids.length === 0) return el.childNodes.length === 0 ? null : typed(el.textContent);
  let list = kids.length === 1, out = list ? [] : {};
  for (const k of kids) {
    const name = k.localName || k.nodeName;
    if (!list && Object.prototype.hasOwnProperty.call(out, name)) { list = true; out = Object.values(out); }
    const v = conv(k);
    if (list) out.push(v); else out[name] = v;
  }
  return out;
}
exports.parseXml = function (xml) {
  return conv(new DOMParser().parseFromString(xml, 'text/xml').documentElement);
};
