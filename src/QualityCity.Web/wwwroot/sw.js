// The officer's pages without a network (EXE-9, docs/offline.md). Scope: /inspector. A page visited
// with a network is kept, with its files, and served from here when the network is gone; files
// (styles, scripts) come from the cache first. Pages ask for more to be kept ("cache" message): the
// visit page for itself, the list of visits for the week's. Nothing is sent from here: the page's
// script keeps entries in IndexedDB and sends them (js/offline-visit.js).
'use strict';
var PAGES = 'qc-pages-v1';
var FILES = 'qc-files-v1';

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n !== PAGES && n !== FILES; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); }));
});

function isFile(url) {
    return url.pathname.indexOf('/css/') === 0 || url.pathname.indexOf('/js/') === 0 || url.pathname.indexOf('/lib/') === 0 || url.pathname === '/favicon.svg';
}

// A page is kept only as the signed-in officer saw it: not a redirect to the sign-in page, not an error.
function keep(cacheName, request, response) {
    if (response.ok && !response.redirected && response.type === 'basic') {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
    }
    return response;
}

function offlinePage() {
    return new Response('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        + '<title>离线</title><body><h1>离线</h1><p>这个页面还没有保存在手机上。联网后打开一次，以后没有网络也能使用。</p>'
        + '<p lang="en">Offline: this page has not been kept on the phone yet. Open it once with a network.</p></body></html>',
        { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET') { return; }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) { return; }
    if (isFile(url)) {
        event.respondWith(caches.match(request).then(function (hit) {
            return hit || fetch(request).then(function (response) { return keep(FILES, request, response); });
        }));
        return;
    }

    if (request.mode === 'navigate' || url.pathname.indexOf('/api/attachments/') === 0) {
        event.respondWith(fetch(request).then(function (response) { return keep(PAGES, request, response); }, function () {
            return caches.match(request, { ignoreVary: true }).then(function (hit) { return hit || offlinePage(); });
        }));
    }
});

self.addEventListener('message', function (event) {
    if (!event.data || event.data.type !== 'cache' || !Array.isArray(event.data.urls)) { return; }
    var urls = event.data.urls.filter(function (u) { return typeof u === 'string' && u.charAt(0) === '/' && u.charAt(1) !== '/'; });
    event.waitUntil(Promise.all(urls.map(function (u) {
        var target = new URL(u, self.location.origin);
        return fetch(target, { credentials: 'same-origin' }).then(function (response) {
            return keep(isFile(target) ? FILES : PAGES, new Request(target), response);
        }, function () { return null; });
    })).then(function () {
        if (event.ports && event.ports[0]) { event.ports[0].postMessage({ cached: urls.length }); }
    }));
});
