/*
 * Essaim search widget for partner sites.
 * <div data-essaim-recherche data-theme="6" data-territory="region:44" data-size="5"></div>
 * <script src="https://{host}/widget.js" async></script>
 * Any search parameter can be preset as a data- attribute (several values separated by spaces or
 * commas); data-facets="kind theme" adds filter chips. No cookie, no key, no third-party request.
 */
(function () {
  'use strict';

  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"]');
  var ORIGIN = new URL(script ? script.src : '/', document.baseURI).origin;
  var FILTERS = ['kind', 'theme', 'territory', 'epci', 'territoryType', 'status', 'year', 'category'];
  var KINDS = {
    experience: 'Fiche expérience', dispositif: 'Programme ou réseau', vademecum: 'Vade-mecum',
    innovation: 'Carte innovation', notion: 'Notion'
  };
  var FACET_NAMES = {
    kind: 'Type', theme: 'Thème', territory: 'Territoire', territoryType: 'Type de territoire',
    status: 'Statut', year: 'Année', category: 'Catégorie', epci: 'EPCI'
  };
  var DEBOUNCE_MS = 250;
  var counter = 0;

  var CSS = [
    ':host{all:initial;display:block;contain:content;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;',
    'color:#1b1b1b;background:#fff;text-align:left;direction:ltr}',
    '*,*::before,*::after{box-sizing:border-box}',
    '.box{border:1px solid #c8c8d0;border-radius:6px;padding:12px;background:#fff}',
    'label{display:block;font-weight:600;margin:0 0 4px;color:#1b1b1b;font-size:15px}',
    'input{all:unset;box-sizing:border-box;display:block;width:100%;padding:8px 10px;border:1px solid #6a6a74;',
    'border-radius:4px;background:#fff;color:#1b1b1b;font:inherit}',
    'input:focus-visible,a:focus-visible,button:focus-visible{outline:3px solid #0a4fb5;outline-offset:2px}',
    '.status{margin:8px 0;font-size:14px;color:#3a3a3a}',
    'ul{list-style:none;margin:0;padding:0}',
    'li.hit{padding:8px 0;border-top:1px solid #e3e3e8}',
    'a{color:#0a3d91;text-decoration:underline;background:none;font:inherit}',
    'a:visited{color:#5a2b8a}',
    '.title{font-weight:600}',
    '.meta{font-size:13px;color:#4a4a52;margin:2px 0}',
    '.text{margin:2px 0;font-size:14px;color:#1b1b1b}',
    'mark{background:#fff1a8;color:inherit}',
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 0}',
    '.chips p{margin:0;width:100%;font-size:13px;font-weight:600}',
    'button{all:unset;box-sizing:border-box;cursor:pointer;font-size:13px;padding:2px 10px;border:1px solid #0a3d91;',
    'border-radius:12px;color:#0a3d91;background:#fff}',
    'button[aria-pressed="true"]{background:#0a3d91;color:#fff}',
    '.all{display:inline-block;margin-top:8px;font-weight:600}'
  ].join('');

  function values(text) {
    return String(text).split(/[\s,]+/).filter(Boolean);
  }

  /** Presets read from the data- attributes, as search API parameters. */
  function presets(host) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      if (host.dataset[name] !== undefined) {
        values(host.dataset[name]).forEach(function (v) { params.append(name, v); });
      }
    });
    ['q', 'sort'].forEach(function (name) {
      if (host.dataset[name]) {
        params.set(name, host.dataset[name]);
      }
    });
    var size = parseInt(host.dataset.size, 10);
    params.set('size', String(size >= 1 && size <= 100 ? size : 5));
    return params;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /** A snippet has its matched words in <mark> and everything else escaped: rebuilt as text nodes. */
  function snippet(node, html) {
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = new DOMParser().parseFromString(marked ? marked[1] : part, 'text/html').documentElement.textContent;
      node.appendChild(marked ? el('mark', {}, text) : document.createTextNode(text));
    });
  }

  function plural(n, one, many) {
    return n + ' ' + (n > 1 ? many : one);
  }

  function mount(host) {
    if (!host || host.shadowRoot || host.essaimWidget) {
      return;
    }
    var id = 'essaim-q-' + (++counter);
    var fixed = presets(host);
    var chosen = {};
    var facets = values(host.dataset.facets || '').filter(function (f) { return FILTERS.indexOf(f) >= 0; });
    var root = host.attachShadow({ mode: 'open' });
    host.essaimWidget = true;

    // A constructed style sheet is not inline style: pages with a strict policy (Essaim's own
    // included) accept it. Older browsers get a <style> element.
    var styled = [];
    if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      var style = el('style');
      style.textContent = CSS;
      styled.push(style);
    }
    var box = el('div', { 'class': 'box', role: 'search', lang: 'fr' });
    var label = el('label', { 'for': id }, host.dataset.label || 'Rechercher dans les fiches Essaim');
    var input = el('input', { id: id, type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'true' });
    input.value = fixed.get('q') || '';
    var status = el('p', { 'class': 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    var chips = el('div', { 'class': 'chips' });
    var list = el('ul', { 'aria-label': 'Résultats' });
    var all = el('a', { 'class': 'all', href: ORIGIN + '/recherche' }, 'Voir toutes les fiches');
    box.append(label, input, chips, status, list, all);
    root.append.apply(root, styled.concat([box]));

    var controller = null;
    var timer = null;

    function query() {
      var params = new URLSearchParams(fixed);
      var typed = input.value.trim();
      if (typed) {
        params.set('q', typed);
      } else {
        params.delete('q');
      }
      Object.keys(chosen).forEach(function (name) {
        chosen[name].forEach(function (v) { params.append(name, v); });
      });
      return params;
    }

    function render(answer, params) {
      status.textContent = answer.total === 0 ? 'Aucune fiche trouvée.'
        : plural(answer.total, 'fiche trouvée', 'fiches trouvées') + '.';
      list.replaceChildren();
      answer.hits.forEach(function (hit) {
        var item = el('li', { 'class': 'hit' });
        var title = el('a', { 'class': 'title', href: ORIGIN + hit.url, target: '_top' }, hit.title);
        var places = hit.territories.map(function (t) { return t.name; }).join(', ');
        var meta = el('p', { 'class': 'meta' }, (KINDS[hit.kind] || hit.kind) + (places ? ' · ' + places : ''));
        var text = el('p', { 'class': 'text' });
        if (params.get('q') && hit.snippet) {
          snippet(text, hit.snippet);
        } else {
          text.textContent = hit.summary || '';
        }
        item.append(title, meta, text);
        list.appendChild(item);
      });
      var page = new URLSearchParams(params);
      page.delete('size');
      all.href = ORIGIN + '/recherche' + (page.toString() ? '?' + page.toString() : '');
      all.textContent = 'Voir toutes les fiches (' + answer.total + ') sur Essaim';
      renderChips(answer.facets || {});
    }

    function renderChips(answerFacets) {
      chips.replaceChildren();
      facets.forEach(function (name) {
        var group = el('div', { 'class': 'chips', role: 'group', 'aria-label': FACET_NAMES[name] });
        group.appendChild(el('p', {}, FACET_NAMES[name]));
        (answerFacets[name] || []).slice(0, 8).forEach(function (value) {
          var on = (chosen[name] || []).indexOf(value.value) >= 0;
          var chip = el('button', { type: 'button', 'aria-pressed': String(on) },
            (name === 'kind' ? KINDS[value.value] || value.label : value.label) + ' (' + value.count + ')');
          chip.addEventListener('click', function () {
            var current = chosen[name] || [];
            chosen[name] = on ? current.filter(function (v) { return v !== value.value; }) : current.concat(value.value);
            run();
          });
          group.appendChild(chip);
        });
        chips.appendChild(group);
      });
    }

    function run() {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var params = query();
      status.textContent = 'Recherche en cours…';
      fetch(ORIGIN + '/api/v1/search?' + params.toString(), {
        signal: controller.signal, credentials: 'omit', mode: 'cors', headers: { Accept: 'application/json' }
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.detail || body.error || 'réponse ' + response.status);
          }
          return body;
        });
      }).then(function (answer) {
        render(answer, params);
      }).catch(function (error) {
        if (error.name !== 'AbortError') {
          status.textContent = 'La recherche est indisponible pour le moment (' + error.message + ').';
        }
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        clearTimeout(timer);
        run();
      }
    });
    run();
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-essaim-recherche]'), mount);
  }

  window.EssaimRecherche = { mount: mount, mountAll: mountAll };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountAll);
  } else {
    mountAll();
  }
}());
