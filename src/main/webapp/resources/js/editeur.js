// The edit form's scripts: territory autocomplete, live preview, change of kind. No inline script:
// the writing pages have the same content security policy as every page.

// Territory autocomplete of the edit form: names and postcodes through the public territories API.
(function () {
  function setup(box) {
    var api = box.getAttribute('data-api');
    var value = box.querySelector('.territoires-valeur');
    var search = box.querySelector('.territoires-recherche');
    var list = box.querySelector('.territoires-suggestions');
    var chosen = box.querySelector('.territoires-choisis');
    var timer = null;

    function keys() {
      return value.value ? value.value.split(',').filter(function (k) { return k; }) : [];
    }
    function remove(key, item) {
      value.value = keys().filter(function (k) { return k !== key; }).join(',');
      item.remove();
    }
    function add(key, label) {
      if (keys().indexOf(key) >= 0) { return; }
      value.value = keys().concat([key]).join(',');
      var li = document.createElement('li');
      li.setAttribute('data-cle', key);
      li.textContent = label + ' ';
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'retirer';
      button.setAttribute('aria-label', 'Retirer');
      button.textContent = '×';
      button.addEventListener('click', function () { remove(key, li); });
      li.appendChild(button);
      chosen.appendChild(li);
    }
    Array.prototype.forEach.call(chosen.querySelectorAll('li'), function (li) {
      li.querySelector('.retirer').addEventListener('click', function () { remove(li.getAttribute('data-cle'), li); });
    });
    search.addEventListener('input', function () {
      clearTimeout(timer);
      var q = search.value.trim();
      if (q.length < 2) { list.innerHTML = ''; return; }
      timer = setTimeout(function () {
        fetch(api + '?q=' + encodeURIComponent(q), {headers: {'Accept': 'application/json'}})
          .then(function (r) { return r.ok ? r.json() : {territories: []}; })
          .then(function (data) {
            list.innerHTML = '';
            data.territories.forEach(function (t) {
              var li = document.createElement('li');
              li.setAttribute('role', 'option');
              li.setAttribute('data-cle', t.key);
              var label = t.name + ' (' + t.levelLabel + (t.postcodes.length ? ', ' + t.postcodes.slice(0, 3).join(' ') : '') + ')';
              li.textContent = label;
              li.tabIndex = 0;
              var pick = function () { add(t.key, t.name + ' (' + t.levelLabel + ')'); list.innerHTML = ''; search.value = ''; };
              li.addEventListener('click', pick);
              li.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); pick(); } });
              list.appendChild(li);
            });
          });
      }, 200);
    });
    search.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); } });
  }
  function all() { Array.prototype.forEach.call(document.querySelectorAll('.territoires:not([data-pret])'), function (b) {
    b.setAttribute('data-pret', '1'); setup(b); }); }
  all();
})();

// Live preview: the text rendered by the server's own pipeline, through the preview API, a moment
// after one stops typing. Answers that come back out of order are dropped.
(function () {
  var text = document.getElementById('texte');
  var preview = document.getElementById('apercu');
  if (!text || !preview || !text.getAttribute('data-apercu')) { return; }
  var url = text.getAttribute('data-apercu');
  var timer = null;
  var asked = 0;
  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch(url, {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'text/markdown; charset=UTF-8'},
                  body: text.value})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === asked) { preview.innerHTML = data.html; } })
        .catch(function () { /* the preview catches up at the next keystroke */ });
    }, 400);
  });
})();

// Changing the kind of a new sheet asks the server for the new kind's fields, keeping what was typed.
(function () {
  var kind = document.getElementById('type');
  var change = document.getElementById('changer-type');
  if (!kind || !change) { return; }
  change.hidden = true;
  kind.addEventListener('change', function () { change.click(); });
})();
