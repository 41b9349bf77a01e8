// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Completion as you type, through the suggest API, into the native datalist.
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var typed = input.value.trim();
      if (typed.length < 2 || typed === last) { return; }
      timer = setTimeout(function () {
        last = typed;
        fetch(input.dataset.suggest + '?q=' + encodeURIComponent(typed), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : {}; })
          .then(function (data) {
            // The suggest API answers suggestions, the territories API territories (with postcodes).
            var items = data.suggestions || (data.territories || []).map(function (t) {
              return { text: t.name, label: t.levelLabel + ' ' + (t.postcodes[0] || t.code) };
            });
            list.replaceChildren.apply(list, items.map(function (s) {
              var option = document.createElement('option');
              option.value = s.text;
              if (s.label) { option.label = s.label; }
              return option;
            }));
          })
          .catch(function () { /* completion is optional */ });
      }, 150);
    });
  });

  // Ticking a facet applies it at once; the button stays for keyboard and no-JS users.
  document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
    form.addEventListener('change', function (event) {
      if (event.target.type === 'checkbox') { form.submit(); }
    });
  });

  // Facets fold into their disclosure on narrow screens.
  var facets = document.getElementById('filtres');
  if (facets && window.matchMedia('(max-width: 47.99em)').matches) {
    facets.removeAttribute('open');
  }

  // The map says the name and count of the département under the pointer or the focus.
  var caption = document.getElementById('map-caption');
  if (caption) {
    var show = function (event) {
      var link = event.target.closest('a.dep');
      if (link) { caption.textContent = link.dataset.label; }
    };
    document.querySelectorAll('a.dep').forEach(function (link) {
      link.addEventListener('focus', show);
      link.addEventListener('mouseover', show);
    });
  }
})();

// After a sheet was saved, the draft its editor kept in this browser is no longer needed.
(function () {
  try {
    var saved = sessionStorage.getItem('essaim.enregistrement');
    if (saved && /[?&]enregistre=/.test(location.search)) {
      localStorage.removeItem(saved);
      sessionStorage.removeItem('essaim.enregistrement');
    }
  } catch (e) { /* storage refused: nothing was kept */ }
})();
