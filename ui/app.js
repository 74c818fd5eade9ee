// The single-page app: every view has its own address under /ui/, read here and rendered
// into <main>. Links inside the app change the address without reloading the page.
import { h, errorBox } from './lib/dom.js';
import { ApiError, authorization, setAuthorization, basicAuthorization } from './lib/api.js';
import { renderCatalog } from './views/catalog.js';
import { renderSubject } from './views/subject.js';
import { renderDiff } from './views/diff.js';
import { renderCheck } from './views/check.js';
import { renderMap } from './views/map.js';
import { renderCluster } from './views/cluster.js';

function route(pathname) {
  const parts = pathname.split('/').filter((p, i) => i > 0).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  // parts[0] is "ui"
  const [view, subject, kind, a, b] = parts.slice(1);
  if (!view) return { name: 'home' };
  if (view === 'subjects' && subject === undefined) return { name: 'catalog' };
  if (view === 'subjects' && subject === '' && parts.length === 3) return { name: 'catalog' };
  if (view === 'subjects' && kind === undefined) return { name: 'subject', subject };
  if (view === 'subjects' && kind === 'versions' && a !== undefined) return { name: 'subject', subject, version: a };
  if (view === 'subjects' && kind === 'diff' && a !== undefined && b !== undefined) return { name: 'diff', subject, a, b };
  if (view === 'check') return { name: 'check' };
  if (view === 'map') return { name: 'map' };
  if (view === 'cluster') return { name: 'cluster' };
  if (view === 'login') return { name: 'login' };
  return { name: 'unknown' };
}

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function signIn(main, message) {
  let mode = 'basic';
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
  const token = h('input', { name: 'token', type: 'password', autocomplete: 'off' });
  const basicFields = h('div', {}, h('label', {}, 'User ', user), h('label', {}, 'Password ', password));
  const tokenFields = h('div', { hidden: true }, h('label', {}, 'Bearer token ', token));
  // Only the visible fields are required: a hidden required field would block the form.
  const choose = (chosen) => {
    mode = chosen;
    basicFields.hidden = mode !== 'basic';
    tokenFields.hidden = mode === 'basic';
    user.required = mode === 'basic';
    token.required = mode !== 'basic';
  };
  const form = h('form', {
    class: 'signin',
    onsubmit: (event) => {
      event.preventDefault();
      setAuthorization(mode === 'basic' ? basicAuthorization(user.value, password.value) : `Bearer ${token.value}`);
      if (route(location.pathname).name === 'login') navigate('/ui/subjects', { replace: true });
      else render();
    },
  },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, message),
  h('div', { class: 'tabs' },
    h('label', {}, h('input', { type: 'radio', name: 'mode', checked: true, onchange: () => choose('basic') }), ' User and password'),
    h('label', {}, h('input', { type: 'radio', name: 'mode', onchange: () => choose('token') }), ' Token')),
  basicFields, tokenFields,
  h('button', { type: 'submit' }, 'Sign in'));
  main.replaceChildren(form);
  main.dataset.rendered = location.pathname + location.search;
  user.focus();
}

function showWho() {
  const who = document.getElementById('who');
  if (!authorization()) {
    who.replaceChildren();
    return;
  }
  const auth = authorization();
  let name = 'token';
  if (auth.startsWith('Basic ')) {
    try {
      name = new TextDecoder().decode(Uint8Array.from(atob(auth.slice(6)), (c) => c.charCodeAt(0))).split(':')[0];
    } catch {
      name = '?';
    }
  }
  who.replaceChildren(h('span', {}, `Signed in as ${name} `),
    h('button', { class: 'link', onclick: () => { setAuthorization(null); render(); } }, 'Sign out'));
}

let generation = 0;

export async function render() {
  const mine = ++generation;
  const main = document.getElementById('app');
  const current = route(location.pathname);
  for (const link of document.querySelectorAll('nav a')) {
    const active = link.dataset.nav === current.name || (link.dataset.nav === 'subjects' && ['catalog', 'subject', 'diff'].includes(current.name));
    link.classList.toggle('active', active);
  }
  showWho();
  const params = new URLSearchParams(location.search);
  // A view renders into a detached element: a slow answer never overwrites a newer view.
  const target = h('div', { class: 'view' });
  try {
    switch (current.name) {
      case 'home': return navigate('/ui/subjects', { replace: true });
      case 'catalog': await renderCatalog(target, params); break;
      case 'subject': await renderSubject(target, current.subject, current.version); break;
      case 'diff': await renderDiff(target, current.subject, current.a, current.b); break;
      case 'check': await renderCheck(target, params); break;
      case 'map': await renderMap(target, params); break;
      case 'cluster': await renderCluster(target); break;
      case 'login': if (mine === generation) signIn(main, 'Sign in to read the registry.'); return;
      default: target.append(h('h1', {}, 'Not found'), h('p', {}, 'No view at this address. ', h('a', { href: '/ui/subjects' }, 'Open the catalog')));
    }
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof ApiError && error.status === 401) {
      signIn(main, authorization() ? 'Those credentials were not accepted.' : 'This registry needs you to sign in.');
      return;
    }
    target.append(errorBox(error));
  }
  if (mine !== generation) return;
  main.replaceChildren(target);
  main.dataset.rendered = location.pathname + location.search;
  if (!performance.getEntriesByName('accord-rendered').length) performance.mark('accord-rendered');  // first view on screen (bench/ui)
  const title = target.querySelector('h1');
  document.title = title ? `${title.textContent} · Accord` : 'Accord';
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.getAttribute('href') || '', location.href);  // SVG links too
  if (url.origin !== location.origin || !url.pathname.startsWith('/ui/') || link.target) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', render);
render();
