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
// after one stops typing. Answers that come back out of order are dropped. The preview follows the
// text: it scrolls to the same place as the text area, or as the caret when the area does not scroll.
(function () {
  var text = document.getElementById('texte');
  var preview = document.getElementById('apercu');
  if (!text || !preview || !text.getAttribute('data-apercu')) { return; }
  var url = text.getAttribute('data-apercu');
  var timer = null;
  var asked = 0;
  var place = 0;
  function follow() {
    preview.scrollTop = place * (preview.scrollHeight - preview.clientHeight);
  }
  function fromScroll() {
    var room = text.scrollHeight - text.clientHeight;
    if (room > 0) { place = text.scrollTop / room; follow(); }
  }
  function fromCaret() {
    if (text.scrollHeight > text.clientHeight) { fromScroll(); return; }
    var lines = text.value.split('\n').length;
    var before = text.value.substring(0, text.selectionStart).split('\n').length;
    place = lines > 1 ? (before - 1) / (lines - 1) : 0;
    follow();
  }
  text.addEventListener('scroll', fromScroll);
  text.addEventListener('keyup', fromCaret);
  text.addEventListener('click', fromCaret);
  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch(url, {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'text/markdown; charset=UTF-8'},
                  body: text.value})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === asked) { preview.innerHTML = data.html; fromCaret(); } })
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

// The toolbar of the text: Markdown inserted at the caret, as if typed (the preview and the draft follow).
(function () {
  var text = document.getElementById('texte');
  if (!text) { return; }
  function put(value, selectFrom, selectTo) {
    var start = text.selectionStart;
    text.focus();
    text.setRangeText(value, start, text.selectionEnd, 'end');
    if (selectFrom !== undefined) { text.setSelectionRange(start + selectFrom, start + selectTo); }
    text.dispatchEvent(new Event('input', {bubbles: true}));
  }
  // Starts the current line (or every selected line) with a prefix.
  function prefixLines(prefix) {
    var value = text.value;
    var from = value.lastIndexOf('\n', text.selectionStart - 1) + 1;
    var to = value.indexOf('\n', text.selectionEnd);
    if (to < 0) { to = value.length; }
    var lines = value.substring(from, to).split('\n').map(function (line, i) {
      var mark = typeof prefix === 'function' ? prefix(i) : prefix;
      return line.indexOf(mark) === 0 ? line : mark + line.replace(/^#+ /, '');
    });
    text.setSelectionRange(from, to);
    put(lines.join('\n'));
  }
  function link() {
    var chosen = text.value.substring(text.selectionStart, text.selectionEnd) || 'texte du lien';
    var markdown = '[' + chosen + '](https://)';
    put(markdown, chosen.length + 3, chosen.length + 11);
  }
  function plan() {
    var sections = (text.getAttribute('data-plan') || '').split('|').filter(function (s) { return s; });
    var skeleton = sections.map(function (s) { return '## ' + s + '\n\n'; }).join('\n');
    if (!text.value.trim()) {
      text.setSelectionRange(0, text.value.length);
      put(skeleton, 0, 0);
      text.setSelectionRange(sections[0].length + 5, sections[0].length + 5);
    } else {
      var before = text.value.substring(0, text.selectionStart);
      put((before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? '\n' : '\n\n') : '') + skeleton);
    }
  }
  function source() {
    var empty = Array.prototype.filter.call(document.querySelectorAll('input.source-titre'), function (i) { return !i.value.trim(); });
    if (empty.length) { empty[0].focus(); return; }
    var add = document.querySelector('.ajouter-source');
    if (add) { add.click(); }
  }
  var actions = {
    'section': function () { prefixLines('## '); },
    'sous-section': function () { prefixLines('### '); },
    'liste': function () { prefixLines('- '); },
    'liste-numerotee': function () { prefixLines(function (i) { return (i + 1) + '. '; }); },
    'lien': link,
    'plan': plan,
    'source': source
  };
  Array.prototype.forEach.call(document.querySelectorAll('.barre-outils button[data-outil]'), function (button) {
    var action = actions[button.getAttribute('data-outil')];
    if (action) { button.addEventListener('click', action); }
  });
})();

// « [[ Lien vers une fiche »: a combobox completing on the titles of published sheets (the search's
// suggest API), which inserts [[Titre]] where the caret was. Also opened by typing « [[ » in the text.
(function () {
  var text = document.getElementById('texte');
  var opener = document.getElementById('outil-fiche');
  var panel = document.getElementById('lien-fiche');
  if (!text || !opener || !panel) { return; }
  var box = document.getElementById('lien-fiche-recherche');
  var list = document.getElementById('lien-fiche-choix');
  var state = document.getElementById('lien-fiche-etat');
  var api = box.getAttribute('data-api');
  var timer = null;
  var asked = 0;
  var active = -1;
  var at = null;
  var typedBrackets = false;

  function options() { return list.querySelectorAll('[role=option]'); }
  function setActive(index) {
    var all = options();
    active = index;
    Array.prototype.forEach.call(all, function (o, i) { o.setAttribute('aria-selected', i === index ? 'true' : 'false'); });
    if (index >= 0 && all[index]) {
      box.setAttribute('aria-activedescendant', all[index].id);
      all[index].scrollIntoView({block: 'nearest'});
    } else {
      box.removeAttribute('aria-activedescendant');
    }
  }
  function show(titles) {
    list.innerHTML = '';
    titles.forEach(function (title, i) {
      var li = document.createElement('li');
      li.id = 'lien-fiche-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = title;
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { choose(title); });
      list.appendChild(li);
    });
    box.setAttribute('aria-expanded', titles.length ? 'true' : 'false');
    setActive(-1);
    state.textContent = !box.value.trim() ? '' : titles.length === 0 ? 'Aucune fiche publiée ne correspond.'
      : titles.length + (titles.length > 1 ? ' fiches proposées.' : ' fiche proposée.');
  }
  function open() {
    at = {start: text.selectionStart, end: text.selectionEnd};
    panel.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    box.value = '';
    show([]);
    box.focus();
  }
  function close() {
    panel.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    box.setAttribute('aria-expanded', 'false');
    list.innerHTML = '';
    text.focus();
    if (at) { text.setSelectionRange(at.start, at.end); }
  }
  function choose(title) {
    var where = at || {start: text.value.length, end: text.value.length};
    // Typed « [[ » is replaced by the whole link.
    var start = typedBrackets && text.value.substring(where.start - 2, where.start) === '[[' ? where.start - 2 : where.start;
    typedBrackets = false;
    at = null;
    close();
    text.setRangeText('[[' + title + ']]', start, where.end, 'end');
    text.dispatchEvent(new Event('input', {bubbles: true}));
  }
  opener.addEventListener('click', function () {
    if (panel.hidden) { typedBrackets = false; open(); } else { close(); }
  });
  text.addEventListener('input', function (e) {
    if (e.inputType === 'insertText' && e.data === '[' && text.value.substring(text.selectionStart - 2, text.selectionStart) === '[[') {
      typedBrackets = true;
      open();
    }
  });
  box.addEventListener('input', function () {
    clearTimeout(timer);
    var typed = box.value.trim();
    if (typed.length < 2) { show([]); return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch(api + '?q=' + encodeURIComponent(typed), {headers: {'Accept': 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
        .then(function (data) {
          if (mine !== asked) { return; }
          show(data.suggestions.filter(function (s) { return s.type === 'fiche'; }).map(function (s) { return s.text; }));
        })
        .catch(function () { state.textContent = 'Les titres ne peuvent pas être proposés pour le moment.'; });
    }, 150);
  });
  box.addEventListener('keydown', function (e) {
    var count = options().length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (count) { setActive((active + 1) % count); }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (count) { setActive(active <= 0 ? count - 1 : active - 1); }
    } else if (e.key === 'Enter') {
      // Never submits the form: Enter picks the highlighted title, or inserts the title as typed.
      e.preventDefault();
      if (active >= 0 && options()[active]) { choose(options()[active].textContent); }
      else if (box.value.trim()) { choose(box.value.trim()); }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      typedBrackets = false;
      close();
    }
  });
})();

// The draft kept in this browser while one types: every change is stored under the person and the
// sheet, and given back after a closed tab or a lost connection; a save that succeeded removes it
// (see essaim.js on the page the save leads to). Leaving with unsaved changes asks first.
(function () {
  var form = document.getElementById('fiche');
  var notice = document.getElementById('brouillon-restaure');
  if (!form || !notice || !form.getAttribute('data-brouillon') || !window.localStorage) { return; }
  var key = form.getAttribute('data-brouillon');
  var kind = document.getElementById('type');
  var dirty = false;
  var leaving = false;
  var quiet = false;
  sessionStorage.removeItem('essaim.enregistrement');

  function fields() {
    return Array.prototype.filter.call(form.querySelectorAll('input[name], textarea[name], select[name]'), function (f) {
      return !f.disabled && ['hidden', 'submit', 'button', 'password'].indexOf(f.type) < 0;
    });
  }
  function snapshot() {
    var values = {};
    fields().forEach(function (f) {
      if (f.type === 'checkbox' || f.type === 'radio') { values[f.name + '=' + f.value] = f.checked; }
      else { values[f.name] = f.value; }
    });
    return values;
  }
  function apply(values) {
    fields().forEach(function (f) {
      if (f.type === 'checkbox' || f.type === 'radio') {
        if ((f.name + '=' + f.value) in values) { f.checked = values[f.name + '=' + f.value]; }
      } else if (f.name in values) { f.value = values[f.name]; }
    });
    var text = document.getElementById('texte');
    if (text) { text.dispatchEvent(new Event('input', {bubbles: true})); }
  }
  function same(a, b) {
    return Object.keys(a).every(function (k) { return !(k in b) || a[k] === b[k]; });
  }
  function store() {
    if (quiet) { return; }
    dirty = true;
    try {
      localStorage.setItem(key, JSON.stringify({savedAt: new Date().toISOString(), kind: kind ? kind.value : '', values: snapshot()}));
    } catch (e) { /* storage full or refused: the form still holds the text */ }
  }

  var original = snapshot();
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key)); } catch (e) { kept = null; }
  if (sessionStorage.getItem('essaim.changement-type') === key) {
    // Back from a change of kind: the fields are the new kind's, which the server filled from the old ones.
    sessionStorage.removeItem('essaim.changement-type');
    store();
    kept = null;
  }
  if (kept && kept.values && !same(kept.values, original)) {
    if (kind && !kind.disabled && kept.kind && kept.kind !== kind.value) {
      // The draft was of another kind: the server gives that kind's fields first, then the draft fills them.
      quiet = true;
      kind.value = kept.kind;
      kind.dispatchEvent(new Event('change'));
      return;
    }
    apply(kept.values);
    dirty = true;
    var when = new Date(kept.savedAt);
    var message = document.createElement('p');
    message.textContent = 'Brouillon restauré : ce que vous aviez tapé le ' + when.toLocaleDateString('fr-FR') + ' à '
      + when.toLocaleTimeString('fr-FR', {hour: '2-digit', minute: '2-digit'})
      + ' sans l\u2019enregistrer est revenu dans le formulaire. Enregistrez-le pour le garder.';
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.id = 'abandonner-brouillon';
    discard.textContent = 'Abandonner ce brouillon';
    discard.addEventListener('click', function () {
      apply(original);
      localStorage.removeItem(key);
      dirty = false;
      notice.textContent = 'Brouillon abandonné : le formulaire montre de nouveau la version enregistrée.';
      var text = document.getElementById('texte');
      if (text) { text.focus(); }
    });
    message.appendChild(discard);
    notice.appendChild(message);
  }

  form.addEventListener('input', function (e) { if (!e.target.closest('.lien-fiche, .territoires')) { store(); } });
  form.addEventListener('change', function (e) { if (!e.target.closest('.lien-fiche')) { store(); } });
  form.addEventListener('submit', function (e) {
    leaving = true;
    var by = e.submitter ? e.submitter.id : '';
    if (by === 'changer-type' && !quiet) { sessionStorage.setItem('essaim.changement-type', key); }
    if (['brouillon', 'soumettre', 'publier', 'enregistrer-fusion'].indexOf(by) >= 0) {
      sessionStorage.setItem('essaim.enregistrement', key);
    }
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty && !leaving) { e.preventDefault(); e.returnValue = ''; }
  });
})();

// A form sent back with errors: the summary takes the focus, and its links lead into the fields.
(function () {
  var summary = document.getElementById('erreurs');
  if (!summary) { return; }
  summary.focus();
  Array.prototype.forEach.call(summary.querySelectorAll('a[href^="#"]'), function (a) {
    a.addEventListener('click', function (e) {
      var target = document.getElementById(a.getAttribute('href').substring(1));
      var field = target && (target.matches('input, textarea, select') ? target : target.querySelector('input:not([type=hidden]), textarea, select'));
      if (field) { e.preventDefault(); field.focus(); field.scrollIntoView({block: 'center'}); }
    });
  });
})();

// The accroche is one line, typed in an area that wraps: Enter does not start a new line.
Array.prototype.forEach.call(document.querySelectorAll('textarea.une-ligne'), function (area) {
  area.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); } });
});
