// The bench's page script (served next to the standalone bundle by bench/run.ts). Every
// timestamp is taken here with performance.now(); keys come from playwright's page.keyboard
// (trusted input through the browser's input pipeline), never from dispatchEvent.

const stage = () => document.getElementById('stage');
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

/**
 * Calls `done(now)` once the frame that follows has been rendered: a requestAnimationFrame
 * callback runs at the start of the next frame, and a message posted from it is handled only
 * after that frame's style, layout and paint are done.
 */
function afterNextPaint(done) {
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done(performance.now());
    ch.port2.postMessage(0);
  });
}

/**
 * First paint: from the start of a frame, build the element (JSON.parse of the report
 * included, as it arrives) or set the static HTML as innerHTML, until that frame is painted.
 */
window.firstPaint = (kind, payload) =>
  frame().then(
    () =>
      new Promise((resolve, reject) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          let el;
          if (kind === 'static') {
            el = document.createElement('div');
            el.innerHTML = payload;
          } else {
            el = document.createElement('disclosure-report');
            if (kind === 'findings') el.setAttribute('show-findings', '');
            el.report = JSON.parse(payload);
          }
          stage().append(el);
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            const ms = performance.now() - t0;
            const root = kind === 'static' ? el : el.shadowRoot;
            const cells = root ? root.querySelectorAll('td[data-cell]').length : 0;
            el.remove();
            if (cells < 150) reject(new Error(`${kind}: only ${cells} cells painted`));
            else resolve(ms);
          };
          ch.port2.postMessage(0);
        }),
      ),
  );

// Keystrokes. One measurement at a time: armed, a key is pressed, then `keystroke()` collects.
let m = null;
let target = null; // 'element' | 'bare'
let observer = null;

window.addEventListener(
  'keydown',
  () => {
    if (m && m.keydown === undefined) m.keydown = performance.now();
  },
  { capture: true },
);

function settle(now) {
  if (m && m.paint === undefined) {
    m.paint = now;
    m.resolve?.();
  }
}

/** The bare input: its input event handled, then the next paint. */
window.setupBare = () => {
  const input = document.getElementById('bare');
  input.value = '12';
  input.focus();
  input.setSelectionRange(2, 2);
  target = 'bare';
  m = {};
};
document.getElementById('bare').addEventListener('input', () => {
  if (target !== 'bare' || !m || m.keydown === undefined || m.handled !== undefined) return;
  m.handled = performance.now();
  afterNextPaint(settle);
});

/** The element in edit mode, the caret at the end of one cell's input. */
window.setupElement = async (json, cellId) => {
  const el = document.createElement('disclosure-report');
  el.setAttribute('mode', 'edit');
  el.setAttribute('show-findings', '');
  el.setAttribute('draft-key', `bench-${Math.random()}`);
  el.report = JSON.parse(json);
  stage().append(el);
  await el.updateComplete;
  await frame();
  // The standalone script loads edit mode and the checks on first use (its chunks): wait for
  // the inputs and the checks, so that loading them is never timed.
  let input = null;
  for (let i = 0; i < 600; i++) {
    input = el.shadowRoot.querySelector(`td[data-cell="${cellId}"] input`);
    if (input && !el.shadowRoot.querySelector('[part~="findings-status"]')) break;
    await frame();
  }
  if (!input) throw new Error(`no input for ${cellId} in edit mode`);
  if (!el.shadowRoot.querySelector('section.findings')) throw new Error('no findings list');
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  // The findings list: any change inside <section class="findings"> (or the section itself).
  const inList = (node) => {
    const e = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!e?.closest?.('section.findings');
  };
  observer = new MutationObserver((records) => {
    if (!m || m.keydown === undefined || m.findings !== undefined) return;
    const hit = records.some((r) => inList(r.target) || [...r.addedNodes, ...r.removedNodes].some((n) => n.nodeType === 1 && (n.matches?.('section.findings') || n.querySelector?.('section.findings'))));
    if (!hit) return;
    m.findings = performance.now();
    afterNextPaint(settle);
  });
  observer.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  target = 'element';
  m = {};
  return input.value;
};

/**
 * The last keystroke's times (ms from keydown: to the findings list updated or the bare input's
 * event handled, and to the next paint after it), or nulls when nothing happened within 1 s;
 * then arms the next one.
 */
window.keystroke = async () => {
  const cur = m;
  if (cur.paint === undefined) {
    await new Promise((resolve) => {
      cur.resolve = resolve;
      setTimeout(resolve, 1000);
    });
  }
  m = {};
  if (cur.keydown === undefined || cur.paint === undefined) return { update: null, paint: null };
  const update = target === 'bare' ? cur.handled : cur.findings;
  return { update: update - cur.keydown, paint: cur.paint - cur.keydown };
};

window.teardown = () => {
  observer?.disconnect();
  observer = null;
  m = null;
  target = null;
  document.activeElement?.blur?.();
  stage().replaceChildren();
};
