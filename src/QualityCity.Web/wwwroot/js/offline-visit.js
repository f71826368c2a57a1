// The officer's visit page without a network (EXE-9, docs/offline.md). The service worker keeps the
// page; this script keeps what is entered while offline in IndexedDB — results, compressed photos and
// the two signatures — shows the queue and its state, and sends it to /api/sync when the network
// returns. Every entry carries an id made here, so a send that is retried is applied once; an item
// changed on the platform meanwhile comes back as a conflict for the officer to resolve.
(function () {
    'use strict';
    var panel = document.getElementById('offline-visit');
    var form = document.getElementById('results-form');
    if (!panel || !form || !window.indexedDB || !window.fetch || !window.Promise) { return; }
    panel.hidden = false;
    var visitId = Number(panel.getAttribute('data-visit'));
    var texts = JSON.parse(panel.getAttribute('data-texts'));
    var tokenInput = form.querySelector('input[name=__RequestVerificationToken]');
    var token = tokenInput ? tokenInput.value : '';
    var stores = ['entries', 'photos', 'signatures'];
    var syncing = false;

    function newId() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        var bytes = new Uint8Array(16);
        crypto.getRandomValues(bytes);
        return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    }

    // IndexedDB: one store per kind, each row with its visit, id and state.
    var opened = new Promise(function (resolve, reject) {
        var request = indexedDB.open('qc-offline', 1);
        request.onupgradeneeded = function () {
            stores.forEach(function (name) { request.result.createObjectStore(name, { keyPath: 'id' }).createIndex('visit', 'visitId'); });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
    });

    function run(store, mode, work) {
        return opened.then(function (db) {
            return new Promise(function (resolve, reject) {
                var tx = db.transaction(store, mode);
                var result = work(tx.objectStore(store));
                tx.oncomplete = function () { resolve(result && 'result' in result ? result.result : undefined); };
                tx.onerror = function () { reject(tx.error); };
            });
        });
    }
    function all(store) { return run(store, 'readonly', function (s) { return s.index('visit').getAll(visitId); }); }
    function put(store, row) { return run(store, 'readwrite', function (s) { s.put(row); }); }
    function remove(store, id) { return run(store, 'readwrite', function (s) { s.delete(id); }); }

    function fieldset(item) { return form.querySelector('fieldset.item[data-item="' + CSS.escape(item) + '"]'); }
    function dateValue() { var d = form.querySelector('input[name=Date]'); return d && d.value ? d.value : null; }
    function valuesOf(set) {
        var chosen = set.querySelector('input[type=radio]:checked');
        return { outcome: chosen ? chosen.value : null, notes: set.querySelector('textarea').value };
    }
    function show(set, outcome, notes) {
        set.querySelectorAll('input[type=radio]').forEach(function (r) { r.checked = r.value === outcome; });
        set.querySelector('textarea').value = notes || '';
    }

    // An item changed without a network: the item's waiting entry takes the new values. One item's
    // changes are kept one after the other: two at once (a choice, then typing) would each find no
    // entry yet and both add one.
    var keeping = {};
    function keepEntry(set) {
        var item = set.getAttribute('data-item');
        var kept = (keeping[item] || Promise.resolve()).then(function () { return keepEntryNow(set, item); });
        keeping[item] = kept.catch(function () { /* the next change tries again */ });
        return kept;
    }
    function keepEntryNow(set, item) {
        var values = valuesOf(set);
        if (!values.outcome) { return Promise.resolve(); }
        return all('entries').then(function (rows) {
            var row = rows.filter(function (r) { return r.item === item && (r.state === 'waiting' || r.state === 'refused'); })[0];
            if (!row) { row = { id: newId(), visitId: visitId, item: item, baseVersion: Number(set.getAttribute('data-version') || 0) }; }
            row.outcome = values.outcome;
            row.notes = values.notes;
            row.date = dateValue();
            row.enteredAt = new Date().toISOString();
            row.state = 'waiting';
            delete row.message;
            return put('entries', row);
        }).then(function () {
            var status = set.querySelector('.draft-status');
            if (status) { status.textContent = texts.savedOffline; }
            return render();
        });
    }

    // A photo is made smaller on the phone (at most 1600 pixels a side, JPEG) before it is kept.
    function compress(file) {
        return createImageBitmap(file).then(function (image) {
            var scale = Math.min(1, 1600 / Math.max(image.width, image.height));
            var canvas = document.createElement('canvas');
            canvas.width = Math.max(1, Math.round(image.width * scale));
            canvas.height = Math.max(1, Math.round(image.height * scale));
            canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
            return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.8); });
        });
    }
    function keepPhotos(input) {
        var set = input.closest('fieldset.item');
        var files = Array.prototype.slice.call(input.files || []);
        input.value = '';
        return Promise.all(files.map(function (file) {
            return compress(file).then(function (blob) {
                return put('photos', { id: newId(), visitId: visitId, item: set.getAttribute('data-item'), blob: blob, takenAt: new Date().toISOString(), state: 'waiting' });
            });
        })).then(render);
    }

    // The result set as the phone shows it, in the platform's form (Domain/Execution/SignedResults.cs), and its SHA-256.
    function resultText() {
        var items = [];
        form.querySelectorAll('fieldset.item').forEach(function (set) {
            var values = valuesOf(set);
            if (values.outcome) { items.push({ item: set.getAttribute('data-item'), outcome: values.outcome, notes: values.notes }); }
        });
        items.sort(function (a, b) { return a.item < b.item ? -1 : a.item > b.item ? 1 : 0; });
        return 'qc-results-1\n' + (dateValue() || '') + '\n' + items.map(function (i) {
            var notes = i.notes.replace(/\r/g, '').trim().replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
            return i.item + '\t' + i.outcome + '\t' + notes + '\n';
        }).join('');
    }
    function sha256(text) {
        return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buffer) {
            return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return (b + 256).toString(16).slice(1); }).join('');
        });
    }

    function setupPad(pad) {
        var canvas = pad.querySelector('canvas');
        var context = canvas.getContext('2d');
        var drawing = false, strokes = 0;
        context.lineWidth = 4;
        context.lineCap = 'round';
        function point(event) {
            var box = canvas.getBoundingClientRect();
            return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
        }
        canvas.addEventListener('pointerdown', function (event) {
            drawing = true; strokes++;
            var p = point(event);
            context.beginPath(); context.moveTo(p.x, p.y);
            canvas.setPointerCapture(event.pointerId);
        });
        canvas.addEventListener('pointermove', function (event) {
            if (!drawing) { return; }
            var p = point(event);
            context.lineTo(p.x, p.y); context.stroke();
        });
        canvas.addEventListener('pointerup', function () { drawing = false; });
        var state = pad.querySelector('.signature-state');
        pad.querySelector('[data-action=clear]').addEventListener('click', function () {
            context.clearRect(0, 0, canvas.width, canvas.height); strokes = 0; state.textContent = '';
        });
        pad.querySelector('[data-action=sign]').addEventListener('click', function () {
            var role = pad.getAttribute('data-role');
            var nameInput = pad.querySelector('input[name=signer-name]');
            if (strokes === 0) { state.textContent = texts.needStroke; return; }
            if (nameInput && !nameInput.value.trim()) { state.textContent = texts.needName; return; }
            if (!window.crypto || !crypto.subtle) { state.textContent = texts.noCrypto; return; }
            sha256(resultText()).then(function (hash) {
                return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/png'); }).then(function (blob) {
                    return put('signatures', {
                        id: newId(), visitId: visitId, role: role, name: nameInput ? nameInput.value.trim() : null, blob: blob, resultHash: hash,
                        signedAt: new Date().toISOString(), state: 'waiting'
                    });
                });
            }).then(function () {
                state.textContent = texts.signed;
                return render();
            }).then(function () { if (navigator.onLine) { sync(); } });
        });
    }

    function dataUrl(blob) {
        return new Promise(function (resolve) { var reader = new FileReader(); reader.onload = function () { resolve(reader.result); }; reader.readAsDataURL(blob); });
    }

    // The queue as the officer sees it: each waiting, sending, refused or conflicting thing with its state.
    function render() {
        return Promise.all(stores.map(all)).then(function (lists) {
            var list = document.getElementById('offline-queue');
            list.textContent = '';
            form.querySelectorAll('fieldset.item').forEach(function (set) {
                set.classList.remove('conflict');
                var note = set.querySelector('.conflict-note');
                if (note) { note.hidden = true; note.textContent = ''; }
            });
            var count = 0;
            lists[0].forEach(function (row) {
                count++;
                var li = line('entry', row, row.item + ' · ' + (texts[row.outcome] || row.outcome) + (row.notes ? ' · ' + row.notes : ''));
                if (row.state === 'conflict' && row.server) {
                    var theirs = texts.theirs + ': ' + (texts[row.server.outcome] || row.server.outcome) + (row.server.notes ? ' · ' + row.server.notes : '')
                        + (row.server.recordedBy ? '（' + row.server.recordedBy + '）' : '');
                    var detail = document.createElement('div');
                    detail.className = 'conflict-detail';
                    detail.textContent = theirs;
                    li.appendChild(detail);
                    li.appendChild(button(texts.keepMine, 'keep-mine', function () { return resolveConflict(row, true); }));
                    li.appendChild(button(texts.takeTheirs, 'take-theirs', function () { return resolveConflict(row, false); }));
                    var set = fieldset(row.item);
                    if (set) {
                        set.classList.add('conflict');
                        var note = set.querySelector('.conflict-note');
                        if (note) { note.hidden = false; note.textContent = theirs; }
                    }
                }
                list.appendChild(li);
            });
            lists[1].forEach(function (row) {
                count++;
                var li = line('photo', row, texts.photo + ' · ' + row.item);
                dataUrl(row.blob).then(function (url) {
                    var img = document.createElement('img'); img.src = url; img.className = 'thumb'; img.alt = texts.photo; li.appendChild(img);
                });
                list.appendChild(li);
            });
            lists[2].forEach(function (row) {
                count++;
                list.appendChild(line('signature', row, texts.signature + ' · ' + texts[row.role] + (row.name ? ' · ' + row.name : '')));
            });
            if (count === 0) {
                var empty = document.createElement('li'); empty.className = 'stat-label'; empty.textContent = texts.empty; list.appendChild(empty);
            }
            panel.setAttribute('data-queued', String(count));
        });
    }
    function line(kind, row, label) {
        var li = document.createElement('li');
        li.setAttribute('data-kind', kind);
        li.setAttribute('data-state', row.state);
        if (row.item) { li.setAttribute('data-item', row.item); }
        var badge = document.createElement('span'); badge.className = 'badge state-' + row.state; badge.textContent = texts[row.state] || row.state;
        var text = document.createElement('span'); text.textContent = ' ' + label;
        li.appendChild(badge); li.appendChild(text);
        if (row.message) { var why = document.createElement('div'); why.className = 'error'; why.textContent = row.message; li.appendChild(why); }
        return li;
    }
    function button(label, action, onClick) {
        var b = document.createElement('button');
        b.type = 'button'; b.className = 'btn secondary'; b.setAttribute('data-action', action); b.textContent = label;
        b.addEventListener('click', function () { onClick().then(render).then(function () { if (navigator.onLine) { sync(); } }); });
        return b;
    }

    // Keep mine: sent again against the version the platform now holds. Take theirs: the form shows the platform's.
    function resolveConflict(row, keepMine) {
        var set = fieldset(row.item);
        if (set) { set.setAttribute('data-version', String(row.server.version)); }
        if (keepMine) {
            return remove('entries', row.id).then(function () {
                return put('entries', {
                    id: newId(), visitId: visitId, item: row.item, outcome: row.outcome, notes: row.notes, date: row.date, baseVersion: row.server.version,
                    enteredAt: new Date().toISOString(), state: 'waiting'
                });
            });
        }

        if (set) { show(set, row.server.outcome, row.server.notes); }
        return remove('entries', row.id);
    }

    function post(url, body, json) {
        var headers = { 'X-CSRF-TOKEN': token };
        if (json) { headers['Content-Type'] = 'application/json'; }
        return fetch(url, { method: 'POST', body: json ? JSON.stringify(body) : body, headers: headers, credentials: 'same-origin' });
    }
    function firstError(response) {
        return response.json().then(function (problem) {
            var errors = problem.errors ? Object.keys(problem.errors).map(function (k) { return problem.errors[k][0]; }) : [];
            return errors[0] || problem.detail || problem.title || String(response.status);
        }, function () { return String(response.status); });
    }

    // Entries first, then photos, then signatures: a signature's hash is checked against results already sent.
    function sync() {
        if (syncing || !navigator.onLine) { return Promise.resolve(); }
        syncing = true;
        return all('entries').then(function (rows) {
            var waiting = rows.filter(function (r) { return r.state === 'waiting' || r.state === 'sending'; });
            if (waiting.length === 0) { return; }
            var date = waiting.map(function (r) { return r.date; }).filter(Boolean).pop() || dateValue();
            return Promise.all(waiting.map(function (r) { r.state = 'sending'; return put('entries', r); })).then(render).then(function () {
                return post('/api/sync/visits/' + visitId + '/entries', {
                    date: date,
                    entries: waiting.map(function (r) { return { id: r.id, item: r.item, outcome: r.outcome, notes: r.notes, baseVersion: r.baseVersion, enteredAt: r.enteredAt }; })
                }, true);
            }).then(function (response) {
                if (response.ok) {
                    return response.json().then(function (answer) {
                        return Promise.all(answer.entries.map(function (a) {
                            var row = waiting.filter(function (r) { return r.id === a.id; })[0];
                            if (!row) { return null; }
                            if (a.status === 'applied') {
                                var set = fieldset(a.item);
                                if (set && a.version) { set.setAttribute('data-version', String(a.version)); }
                                return remove('entries', a.id);
                            }
                            row.state = a.status; row.server = a.server || null; row.message = a.status === 'refused' ? a.message : null;
                            return put('entries', row);
                        }));
                    });
                }
                return firstError(response).then(function (message) {
                    return Promise.all(waiting.map(function (r) { r.state = 'refused'; r.message = message; return put('entries', r); }));
                });
            }, function () {
                // The network went again: the entries wait for the next chance, under the same ids.
                return Promise.all(waiting.map(function (r) { r.state = 'waiting'; return put('entries', r); }));
            });
        }).then(function () { return sendFiles('photos'); }).then(function () { return sendFiles('signatures'); })
            .then(function () { syncing = false; return render(); }, function () { syncing = false; return render(); })
            .then(function () { panel.setAttribute('data-synced', String(Date.now())); });
    }
    function sendFiles(store) {
        return all(store).then(function (rows) {
            return rows.filter(function (r) { return r.state === 'waiting'; }).reduce(function (chain, row) {
                return chain.then(function () {
                    if (!navigator.onLine) { return; }
                    var body = new FormData();
                    body.append('id', row.id);
                    if (store === 'photos') {
                        body.append('item', row.item); body.append('takenAt', row.takenAt); body.append('file', row.blob, 'photo.jpg');
                    } else {
                        body.append('role', row.role); if (row.name) { body.append('name', row.name); }
                        body.append('resultHash', row.resultHash); body.append('signedAt', row.signedAt); body.append('file', row.blob, 'signature.png');
                    }
                    return post('/api/sync/visits/' + visitId + '/' + store, body, false).then(function (response) {
                        if (response.ok) { return remove(store, row.id); }
                        return firstError(response).then(function (message) { row.state = 'refused'; row.message = message; return put(store, row); });
                    }, function () { /* offline again: it waits */ });
                });
            }, Promise.resolve());
        });
    }

    function networkState() {
        document.getElementById('network-state').textContent = navigator.onLine ? texts.online : texts.offline;
        panel.classList.toggle('offline', !navigator.onLine);
    }

    // Without a network an item's change, a photo and the form's submit are kept on the phone.
    form.addEventListener('change', function (event) {
        if (navigator.onLine) { return; }
        if (event.target.type === 'file') { keepPhotos(event.target); return; }
        var set = event.target.closest && event.target.closest('fieldset.item');
        if (set) { keepEntry(set); }
    });
    form.addEventListener('input', function (event) {
        if (navigator.onLine || event.target.tagName !== 'TEXTAREA') { return; }
        var set = event.target.closest('fieldset.item');
        if (set) { keepEntry(set); }
    });
    form.addEventListener('submit', function (event) {
        if (navigator.onLine) { return; }
        event.preventDefault();
        Promise.all(Array.prototype.map.call(form.querySelectorAll('fieldset.item'), keepEntry)).then(render);
    });
    document.querySelectorAll('.signature-pad').forEach(setupPad);
    document.getElementById('sync-now').addEventListener('click', function () { sync(); });
    window.addEventListener('online', function () { networkState(); sync(); });
    window.addEventListener('offline', networkState);
    networkState();

    // What was kept before a reload comes back into the form.
    all('entries').then(function (rows) {
        rows.forEach(function (row) {
            var set = fieldset(row.item);
            if (set && row.state !== 'conflict') { show(set, row.outcome, row.notes); }
            if (set && row.date) { var d = form.querySelector('input[name=Date]'); if (d) { d.value = row.date; } }
        });
    }).then(render).then(function () { if (navigator.onLine) { return sync(); } });

    // The page, its files and the enterprise's last results stay on the phone for the next time there is no network.
    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('/sw.js', { scope: '/inspector' }).then(function () { return navigator.serviceWorker.ready; }).then(function (registration) {
            var urls = [location.pathname].concat(Array.prototype.map.call(document.querySelectorAll('link[rel=stylesheet], script[src], img[src^="/api/attachments/"]'),
                function (e) { return e.getAttribute('href') || e.getAttribute('src'); }));
            var channel = new MessageChannel();
            channel.port1.onmessage = function () {
                panel.setAttribute('data-offline-ready', 'true');
                document.getElementById('network-state').textContent = (navigator.onLine ? texts.online + ' · ' : '') + texts.ready;
            };
            registration.active.postMessage({ type: 'cache', urls: urls }, [channel.port2]);
        }).catch(function () { /* no service worker: the page still works online */ });
    }
})();
