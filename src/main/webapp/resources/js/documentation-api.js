/* Renders the OpenAPI document as a readable page: operations, parameters, responses and examples. */
(function () {
  'use strict';

  var target = document.getElementById('documentation');

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (cls) {
      node.className = cls;
    }
    return node;
  }

  function examples(content) {
    var block = el('div');
    Object.keys(content || {}).forEach(function (type) {
      var media = content[type];
      Object.keys(media.examples || {}).forEach(function (name) {
        var value = media.examples[name].value;
        block.appendChild(el('p', 'Exemple (' + type + ') :'));
        block.appendChild(el('pre', typeof value === 'string' ? value : JSON.stringify(value, null, 2), 'snippet'));
      });
    });
    return block;
  }

  function operation(path, method, op) {
    var section = el('section');
    section.appendChild(el('h3', method.toUpperCase() + ' ' + path));
    if (op.summary) {
      section.appendChild(el('p', op.summary, 'summary'));
    }
    if (op.description) {
      section.appendChild(el('p', op.description));
    }
    var params = op.parameters || [];
    if (params.length) {
      var table = el('table');
      var head = el('tr');
      ['paramètre', 'où', 'description', 'exemple'].forEach(function (h) { head.appendChild(el('th', h)); });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      params.forEach(function (p) {
        var row = el('tr');
        row.appendChild(el('td')).appendChild(el('code', p.name));
        row.appendChild(el('td', p['in'] + (p.required ? ', obligatoire' : '')));
        row.appendChild(el('td', p.description || ''));
        row.appendChild(el('td', p.example === undefined ? '' : String(p.example)));
        body.appendChild(row);
      });
      section.appendChild(table);
    }
    if (op.security && op.security.length) {
      section.appendChild(el('p', 'Identification : ' + op.security.map(function (scheme) {
        return Object.keys(scheme).join(' + ');
      }).join(' ou ')));
    }
    if (op.requestBody) {
      section.appendChild(el('h4', 'Corps de la requête'));
      section.appendChild(el('p', (op.requestBody.description ? op.requestBody.description + ' ' : '')
        + '(' + Object.keys(op.requestBody.content || {}).join(', ') + ')'));
    }
    var list = el('dl');
    Object.keys(op.responses || {}).forEach(function (status) {
      var response = op.responses[status];
      list.appendChild(el('dt', status));
      var dd = el('dd', response.description || '');
      dd.appendChild(examples(response.content));
      list.appendChild(dd);
    });
    section.appendChild(el('h4', 'Réponses'));
    section.appendChild(list);
    return section;
  }

  fetch(target.getAttribute('data-openapi') + '?format=JSON', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('réponse ' + response.status);
      }
      return response.json();
    })
    .then(function (doc) {
      target.replaceChildren();
      if (doc.info && doc.info.description) {
        target.appendChild(el('p', doc.info.description));
      }
      Object.keys(doc.paths || {}).sort().forEach(function (path) {
        var item = doc.paths[path];
        ['get', 'post', 'put', 'delete'].forEach(function (method) {
          if (item[method]) {
            target.appendChild(operation(path, method, item[method]));
          }
        });
      });
    })
    .catch(function (error) {
      target.replaceChildren(el('p', 'Documentation indisponible pour le moment (' + error.message + ').'));
    });
}());
