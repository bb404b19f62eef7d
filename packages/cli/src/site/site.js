// The overview's table, sortable and filterable. A classic script (module scripts are refused on
// pages opened from the file system), loaded with `defer` from the site's assets: no inline script,
// so a strict Content-Security-Policy holds. Without it the whole table is there, unsorted.
(function () {
  'use strict';
  var table = document.querySelector('table[data-sortable]');
  if (!table || !table.tHead || !table.tBodies[0]) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var lang = document.documentElement.lang || 'zh-CN';
  // zh-CN collation orders agencies by pinyin, as Chinese lists are ordered.
  var collator = new Intl.Collator(lang, { numeric: true });
  var sorted = { index: -1, dir: 1 };

  function key(row, index) {
    var cell = row.cells[index];
    var value = cell ? cell.getAttribute('data-sort') : '';
    return value === null ? cell.textContent : value;
  }

  function sortBy(index) {
    var numeric = heads[index].getAttribute('data-type') === 'number';
    // Figures largest first at the first click (what an evaluator looks for), text A to Z.
    var dir = sorted.index === index ? -sorted.dir : numeric ? -1 : 1;
    var order = rows.slice().sort(function (a, b) {
      var x = key(a, index);
      var y = key(b, index);
      // A blank (no figure, no share) goes last whichever way the column is sorted.
      if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
      var c = numeric ? Number(x) - Number(y) : collator.compare(x, y);
      return c * dir || collator.compare(key(a, 0), key(b, 0));
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (row) {
      fragment.appendChild(row);
    });
    tbody.appendChild(fragment);
    heads.forEach(function (th) {
      th.removeAttribute('aria-sort');
    });
    heads[index].setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    sorted = { index: index, dir: dir };
  }

  heads.forEach(function (th, index) {
    // A button in each heading: reachable by keyboard, and announced with the column's sort state.
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () {
      sortBy(index);
    });
  });

  var form = document.querySelector('form.filters');
  if (!form) return;
  var output = form.querySelector('output');
  var template = output ? output.getAttribute('data-template') || '' : '';
  var fold = function (text) {
    return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  };

  function apply() {
    var q = fold(form.elements.q.value);
    var type = form.elements.type.value;
    var show = form.elements.show.value;
    var shown = 0;
    rows.forEach(function (row) {
      var match =
        (q === '' || fold(row.cells[0].textContent).indexOf(q) !== -1) &&
        (type === '*' || row.getAttribute('data-body-type') === type) &&
        (show === 'all' ||
          (show === 'errors' && row.getAttribute('data-errors') !== '0') ||
          (show === 'late' && row.getAttribute('data-late') !== '') ||
          (show === 'incomplete' && row.getAttribute('data-incomplete') !== ''));
      row.hidden = !match;
      if (match) shown++;
    });
    if (output) output.value = template.replace('{shown}', String(shown)).replace('{total}', String(rows.length));
  }

  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  apply();
})();
