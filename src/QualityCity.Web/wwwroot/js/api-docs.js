// The API reference (Scalar) draws its theme and its notices with <style> elements it makes without a
// nonce, and the page's Content-Security-Policy admits only style elements that carry this response's
// nonce. The style elements that the page's own scripts make (scripts are themselves limited to the
// site's files and nonced ones) therefore carry the nonce; styles in injected markup still do not.
(() => {
  const nonce = document.querySelector('meta[property="csp-nonce"]')?.content;
  if (!nonce) {
    return;
  }

  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (name, options) {
    const element = create.call(this, name, options);
    if (typeof name === 'string' && name.toLowerCase() === 'style') {
      element.nonce = nonce;
    }

    return element;
  };
})();
