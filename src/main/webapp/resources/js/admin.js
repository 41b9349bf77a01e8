// Administration: import with upload progress and per-file report, reindex with progress.
(function () {
  var root = document.querySelector('.admin[data-api]');
  if (!root) { return; }
  var api = root.getAttribute('data-api');

  document.getElementById('importer').addEventListener('click', function () {
    var file = document.getElementById('fichier-import').files[0];
    var bar = document.getElementById('progression-import');
    var state = document.getElementById('etat-import');
    var report = document.getElementById('rapport-import');
    if (!file) { state.textContent = 'Choisissez d\'abord un fichier.'; return; }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', api + '/import');
    xhr.setRequestHeader('Content-Type', /\.json$/i.test(file.name) ? 'application/json' : 'application/zip');
    bar.hidden = false; bar.value = 0; report.innerHTML = '';
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); state.textContent = 'Envoi : ' + bar.value + ' %'; }
    };
    xhr.upload.onload = function () { state.textContent = 'Fichier reçu, import en cours…'; bar.removeAttribute('value'); };
    xhr.onload = function () {
      bar.value = 100;
      var data;
      try { data = JSON.parse(xhr.responseText); } catch (e) { state.textContent = 'Réponse illisible (' + xhr.status + ').'; return; }
      if (xhr.status !== 200) { state.textContent = data.error || ('Erreur ' + xhr.status); return; }
      state.textContent = data.summary;
      var head = document.createElement('tr');
      ['Fichier', 'Résultat', 'Raisons'].forEach(function (h) { var th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
      report.appendChild(head);
      data.files.forEach(function (f) {
        var tr = document.createElement('tr');
        [f.path, f.label, f.reasons.join(' ; ')].forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
        report.appendChild(tr);
      });
    };
    xhr.onerror = function () { state.textContent = 'Envoi interrompu.'; };
    xhr.send(file);
  });

  document.getElementById('reindexer').addEventListener('click', function () {
    var bar = document.getElementById('progression-index');
    var state = document.getElementById('etat-index');
    bar.hidden = false; bar.value = 0;
    fetch(api + '/admin/reindex', {method: 'POST'}).then(function () {
      var poll = setInterval(function () {
        fetch(api + '/admin/status').then(function (r) { return r.json(); }).then(function (s) {
          var total = Math.max(1, s.index.total);
          bar.value = Math.min(100, Math.round(100 * s.index.done / total));
          state.textContent = s.index.state === 'pret' ? 'Index prêt : ' + s.index.total + ' fiches.' : s.index.done + ' / ' + s.index.total + ' fiches indexées';
          if (s.index.state === 'pret' || s.index.state === 'erreur') { clearInterval(poll); bar.value = 100; }
        });
      }, 300);
    });
  });
})();
