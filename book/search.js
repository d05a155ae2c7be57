// search.js - the search box at the top of every page of the book.
//
// search-index.js, made when the book is built (book/filters/search.lua), sets
// window.BOOK_SEARCH to a list of sections: the page, the heading's id, the titles and
// the words of the text. Typing in the box lists the sections that contain every word
// typed, best first (a word in a heading counts more than one in the text, the words
// side by side more than apart), each a link to its heading. Enter opens the first,
// Escape clears the box. Everything runs in the page, from file:// as well as from a
// server.
(function () {
  const input = document.getElementById('search');
  const list = document.getElementById('search-results');
  const index = window.BOOK_SEARCH;
  if (!input || !list || !Array.isArray(index)) return;
  const sections = index.map((s) => ({
    ...s,
    heading: (s.page_title + ' ' + s.title).toLowerCase(),
    body: s.text.toLowerCase(),
  }));

  function occurrences(text, word) {
    let n = 0;
    for (let at = text.indexOf(word); at >= 0 && n < 5; at = text.indexOf(word, at + word.length)) n++;
    return n;
  }

  // The sections holding every word, with their scores, best first.
  function search(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const hits = [];
    for (const s of sections) {
      let score = 0;
      for (const word of words) {
        const inHeading = s.heading.includes(word) ? 10 : 0;
        const inText = occurrences(s.body, word);
        if (!inHeading && !inText) { score = 0; break; }
        score += inHeading + inText;
      }
      if (score > 0 && words.length > 1) {  // the words together, as typed, count more
        const phrase = words.join(' ');
        score += (s.heading.includes(phrase) ? 20 : 0) + 5 * occurrences(s.body, phrase);
      }
      if (score > 0) hits.push({ score, s });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, 12).map((h) => h.s);
  }

  // A few words of the text around the first word of the query.
  function excerpt(s, query) {
    const first = query.toLowerCase().split(/\s+/).filter(Boolean)[0] || '';
    const at = Math.max(0, s.body.indexOf(first));
    let start = Math.max(0, at - 40);
    if (start > 0) start = s.text.indexOf(' ', start) + 1 || start;  // at a word's start
    const text = s.text.slice(start, start + 120);
    return (start > 0 ? '… ' : '') + text + (start + 120 < s.text.length ? ' …' : '');
  }

  function show() {
    const query = input.value.trim();
    list.replaceChildren();
    list.hidden = query === '';
    if (list.hidden) return;
    const results = search(query);
    if (results.length === 0) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = `No section contains “${query}”.`;
      list.append(li);
      return;
    }
    for (const s of results) {
      const a = document.createElement('a');
      a.href = s.page + (s.id ? '#' + s.id : '');
      const title = document.createElement('strong');
      title.textContent = s.title;
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = s.id ? s.page_title : '';
      const text = document.createElement('span');
      text.className = 'excerpt';
      text.textContent = excerpt(s, query);
      a.append(title, where, text);
      const li = document.createElement('li');
      li.append(a);
      list.append(li);
    }
  }

  input.addEventListener('input', show);
  input.addEventListener('focus', show);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      const first = list.querySelector('a');
      if (first) window.location.href = first.href;
    } else if (event.key === 'Escape') {
      input.value = '';
      show();
    }
  });
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.search')) list.hidden = true;
  });
})();
