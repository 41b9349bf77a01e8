// Administration: import with upload progress, then the files imported out of the total and the
// per-file report; reindex with the sheets indexed out of the total.
(function () {
  var root = document.querySelector('.admin[data-api]');
  if (!root) { return; }
  var api = root.getAttribute('data-api');

  function showReport(table, files) {
    table.innerHTML = '';
    var head = document.createElement('tr');
    ['Fichier', 'Résultat', 'Raisons'].forEach(function (h) { var th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    table.appendChild(head);
    files.forEach(function (f) {
      var tr = document.createElement('tr');
      [f.path, f.label, f.reasons.join(' ; ')].forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      table.appendChild(tr);
    });
  }

  // Polls the import job until it is over; the bar shows the files done out of the total.
  function follow(address, bar, state, report) {
    fetch(address, {credentials: 'same-origin'}).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (answer) {
      var s = answer.data;
      if (!answer.ok) { state.textContent = s.error || 'Suivi de l\'import impossible.'; return; }
      bar.max = Math.max(1, s.total);
      bar.value = s.done;
      if (s.state === 'en-cours') {
        state.textContent = s.total ? 'Import : ' + s.done + ' / ' + s.total + ' fichiers traités' : 'Lecture du fichier…';
        setTimeout(function () { follow(address, bar, state, report); }, 300);
        return;
      }
      bar.value = bar.max;
      state.textContent = s.state === 'echec' ? 'Import refusé : ' + s.error : 'Import terminé : ' + s.summary;
      showReport(report, s.files);
    }).catch(function () { state.textContent = 'Suivi de l\'import interrompu.'; });
  }

  document.getElementById('importer').addEventListener('click', function () {
    var file = document.getElementById('fichier-import').files[0];
    var bar = document.getElementById('progression-import');
    var state = document.getElementById('etat-import');
    var report = document.getElementById('rapport-import');
    if (!file) { state.textContent = 'Choisissez d\'abord un fichier.'; return; }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', api + '/imports');
    xhr.setRequestHeader('Content-Type', /\.json$/i.test(file.name) ? 'application/json' : 'application/zip');
    bar.hidden = false; bar.max = 100; bar.value = 0; report.innerHTML = '';
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); state.textContent = 'Envoi : ' + bar.value + ' %'; }
    };
    xhr.upload.onload = function () { state.textContent = 'Fichier reçu, import en cours…'; bar.value = 0; };
    xhr.onload = function () {
      var data;
      try { data = JSON.parse(xhr.responseText); } catch (e) { state.textContent = 'Réponse illisible (' + xhr.status + ').'; return; }
      if (xhr.status !== 202) { state.textContent = data.error || ('Erreur ' + xhr.status); return; }
      follow(api + '/imports/' + data.id, bar, state, report);
    };
    xhr.onerror = function () { state.textContent = 'Envoi interrompu.'; };
    xhr.send(file);
  });

  document.getElementById('reindexer').addEventListener('click', function () {
    var bar = document.getElementById('progression-index');
    var state = document.getElementById('etat-index');
    bar.hidden = false; bar.value = 0;
    fetch(api + '/admin/reindex', {method: 'POST', credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (asked) {
      var poll = setInterval(function () {
        fetch(api + '/admin/status', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (s) {
          var over = s.index.rebuildsDone >= asked.rebuild;
          var total = Math.max(1, s.index.total);
          bar.max = total;
          bar.value = over ? total : Math.min(total, s.index.done);
          if (!over) {
            state.textContent = 'Reconstruction : ' + s.index.done + ' / ' + s.index.total + ' fiches indexées';
            return;
          }
          clearInterval(poll);
          state.textContent = s.index.state === 'erreur' ? 'Reconstruction impossible : voir le journal du serveur.'
            : 'Index prêt : ' + s.index.total + ' fiches.';
        });
      }, 300);
    });
  });
})();
