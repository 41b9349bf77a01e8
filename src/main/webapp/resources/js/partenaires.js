/* Partner page configurator: builds the widget snippet from the chosen themes and territory, and previews it. */
(function () {
  'use strict';

  var form = document.getElementById('configurateur');
  var code = document.getElementById('code');
  var preview = document.getElementById('apercu');
  var territoryInput = document.getElementById('territoire');
  var territoryList = document.getElementById('territoires');
  var territoryChosen = document.getElementById('territoire-choisi');
  var size = document.getElementById('taille');
  var facets = document.getElementById('facettes');
  var copyButton = document.getElementById('copier');
  var copied = document.getElementById('copie');
  var origin = window.location.origin;
  var territoryKey = '';
  var known = {};
  var timer = null;

  function attributes() {
    var themes = Array.prototype.map.call(form.querySelectorAll('input[name=theme]:checked'), function (box) {
      return box.value;
    });
    var attrs = [];
    if (themes.length) {
      attrs.push(['data-theme', themes.join(' ')]);
    }
    if (territoryKey) {
      attrs.push(['data-territory', territoryKey]);
    }
    attrs.push(['data-size', size.value]);
    if (facets.checked) {
      attrs.push(['data-facets', 'kind']);
    }
    return attrs;
  }

  function update() {
    var attrs = attributes();
    code.textContent = '<div data-essaim-recherche' + attrs.map(function (a) {
      return ' ' + a[0] + '="' + a[1] + '"';
    }).join('') + '></div>\n<script src="' + origin + '/widget.js" async></script>';
    var widget = document.createElement('div');
    widget.setAttribute('data-essaim-recherche', '');
    attrs.forEach(function (a) { widget.setAttribute(a[0], a[1]); });
    preview.replaceChildren(widget);
    if (window.EssaimRecherche) {
      window.EssaimRecherche.mount(widget);
    }
  }

  function chooseTerritory() {
    var typed = territoryInput.value.trim();
    if (!typed) {
      territoryKey = '';
      territoryChosen.textContent = 'Aucun : toute la France.';
    } else if (known[typed]) {
      territoryKey = known[typed];
      territoryChosen.textContent = 'Territoire choisi : ' + typed + ' (' + territoryKey + ').';
    } else if (/^(region|departement|epci|commune):[0-9AB]+$/.test(typed)) {
      territoryKey = typed;
      territoryChosen.textContent = 'Territoire choisi : ' + typed + '.';
    } else {
      return;
    }
    update();
  }

  function lookUp() {
    var typed = territoryInput.value.trim();
    if (typed.length < 2 || known[typed]) {
      chooseTerritory();
      return;
    }
    fetch('/api/v1/territories?q=' + encodeURIComponent(typed), { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : { territories: [] }; })
      .then(function (answer) {
        territoryList.replaceChildren();
        answer.territories.forEach(function (t) {
          var label = t.name + ' (' + t.levelLabel + ' ' + t.code + ')';
          known[label] = t.key;
          var option = document.createElement('option');
          option.value = label;
          territoryList.appendChild(option);
        });
        chooseTerritory();
      })
      .catch(function () {
        territoryChosen.textContent = 'Recherche de territoire indisponible pour le moment.';
      });
  }

  form.addEventListener('change', function (event) {
    if (event.target !== territoryInput) {
      update();
    }
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  territoryInput.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 250);
  });
  territoryInput.addEventListener('change', chooseTerritory);
  copyButton.addEventListener('click', function () {
    navigator.clipboard.writeText(code.textContent).then(function () {
      copied.textContent = 'Code copié.';
    }, function () {
      copied.textContent = 'Copie impossible : sélectionnez le code à la main.';
    });
  });
  update();
}());
