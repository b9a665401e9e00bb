// NoteGuard page: upload, drag-and-drop, camera mode with stable spoken results, wavelet form, recent inspections.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const resultBox = $('result');
  const bars = $('bars');
  const notesBox = $('result-notes');
  const settings = { language: $('language'), mute: $('mute'), apiKey: $('apikey') };

  const phrases = {
    en: { note: (d) => 'Denomination ' + d, genuine: 'looks genuine', counterfeit: 'looks counterfeit', unknown: 'authenticity not checked', none: 'No note recognised.', error: 'Could not check the photo: ' },
    vi: { note: (d) => 'Mệnh giá ' + d, genuine: 'có vẻ là tiền thật', counterfeit: 'có vẻ là tiền giả', unknown: 'chưa kiểm tra thật giả', none: 'Không nhận ra tờ tiền.', error: 'Không kiểm tra được ảnh: ' },
    es: { note: (d) => 'Denominación ' + d, genuine: 'parece auténtico', counterfeit: 'parece falso', unknown: 'autenticidad no comprobada', none: 'No se reconoce ningún billete.', error: 'No se pudo comprobar la foto: ' },
  };

  function words() {
    return phrases[settings.language.value.slice(0, 2)] || phrases.en;
  }

  // Settings persist locally (no cookies, nothing leaves the browser).
  for (const [name, element] of Object.entries(settings)) {
    const saved = localStorage.getItem('noteguard.' + name);
    if (saved !== null) {
      if (element.type === 'checkbox') { element.checked = saved === 'true'; } else { element.value = saved; }
    }
    element.addEventListener('change', () => localStorage.setItem('noteguard.' + name, element.type === 'checkbox' ? element.checked : element.value));
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (settings.apiKey.value) { h['X-Api-Key'] = settings.apiKey.value; }
    return h;
  }

  function pct(p) { return Math.round(p * 100) + '%'; }

  function describe(result) {
    const w = words();
    if (!result.denomination) { return w.none; }
    let text = w.note(result.denomination.label) + ' (' + pct(result.denomination.probability) + '), ';
    text += result.authenticity ? w[result.authenticity.verdict] + ' (' + pct(result.authenticity.probability) + ')' : w.unknown;
    return text + '.';
  }

  function speak(text) {
    if (settings.mute.checked || !('speechSynthesis' in window)) { return; }
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = settings.language.value;
    window.speechSynthesis.speak(utterance);
  }

  function showBars(result) {
    bars.textContent = '';
    const rows = result.denomination ? result.denomination.top_k : [];
    for (const row of rows) {
      const line = document.createElement('div');
      line.className = 'bar';
      const name = document.createElement('span');
      name.textContent = row.label;
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.display = 'block';
      fill.style.width = Math.max(0, Math.min(100, row.probability * 100)) + '%';
      track.appendChild(fill);
      const value = document.createElement('span');
      value.textContent = pct(row.probability);
      line.append(name, track, value);
      bars.appendChild(line);
    }
  }

  // Why a decision is missing (e.g. an authenticity model of another currency was not run), as the service says it.
  function showNotes(notes) {
    const list = Array.isArray(notes) ? notes : [];
    notesBox.textContent = list.join(' ');
    notesBox.hidden = list.length === 0;
  }

  // Announce: the live region is read by screen readers; speech covers users without one.
  function announce(result) {
    const text = describe(result);
    resultBox.className = result.authenticity ? result.authenticity.verdict : '';
    resultBox.textContent = text;
    showNotes(result.notes);
    showBars(result);
    speak(text);
  }

  function announceError(message) {
    resultBox.className = '';
    resultBox.textContent = words().error + message;
    showNotes([]);
    bars.textContent = '';
  }

  async function inspect(blob) {
    const form = new FormData();
    form.append('image', blob, blob.name || 'photo.jpg');
    const response = await fetch('api/v1/inspections', { method: 'POST', body: form, headers: headers() });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.detail || body.title || ('HTTP ' + response.status));
    }
    return body;
  }

  async function inspectFile(file) {
    resultBox.textContent = 'Checking…';
    try {
      announce(await inspect(file));
      loadRecent();
    } catch (e) {
      announceError(e.message);
    }
  }

  $('file').addEventListener('change', (e) => {
    if (e.target.files.length) { inspectFile(e.target.files[0]); }
  });

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) { inspectFile(e.dataTransfer.files[0]); }
  });

  // Camera mode: a few frames per second; only a result stable over the window is announced.
  const framesPerSecond = 3;
  const filter = new window.NoteGuardStability.StabilityFilter({ window: 5, required: 4, minProbability: 0.6 });
  const video = $('video');
  const cameraButton = $('camera');
  const cameraStatus = $('camera-status');
  let stream = null;
  let timer = null;
  let busy = false;

  async function captureFrame() {
    if (busy || !stream || video.videoWidth === 0) { return; }
    busy = true;
    try {
      const canvas = document.createElement('canvas');
      const scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      let result = null;
      try { result = await inspect(blob); } catch (e) { cameraStatus.textContent = e.message; }
      const verdict = filter.push(result);
      cameraStatus.textContent = verdict.key ? 'Seeing ' + verdict.key.replace('|', ', ') : 'Looking for a note…';
      if (verdict.announce) { announce(result); }
    } finally {
      busy = false;
    }
  }

  async function startCamera() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      announceError('camera unavailable (' + e.message + ')');
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    filter.reset();
    timer = setInterval(captureFrame, 1000 / framesPerSecond);
    cameraButton.textContent = 'Stop camera';
    cameraButton.setAttribute('aria-pressed', 'true');
  }

  function stopCamera() {
    clearInterval(timer);
    timer = null;
    if (stream) { stream.getTracks().forEach((t) => t.stop()); }
    stream = null;
    video.hidden = true;
    cameraButton.textContent = 'Start camera';
    cameraButton.setAttribute('aria-pressed', 'false');
    cameraStatus.textContent = '';
  }

  cameraButton.addEventListener('click', () => (stream ? stopCamera() : startCamera()));

  // Seed 003's form.
  $('wavelet').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('wavelet-result');
    const body = {};
    for (const name of ['variance', 'skewness', 'curtosis', 'entropy']) { body[name] = Number($(name).value); }
    try {
      const response = await fetch('api/v1/features/wavelet', { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
      const answer = await response.json().catch(() => ({}));
      out.textContent = response.ok
        ? (answer.verdict === 'genuine' ? 'Looks genuine' : 'Looks counterfeit') + (typeof answer.probability === 'number' ? ' (' + pct(answer.probability) + ')' : '') + '.'
        : 'No verdict: ' + (answer.detail || answer.title || ('HTTP ' + response.status));
    } catch (err) {
      out.textContent = 'No verdict: ' + err.message;
    }
  });

  async function loadRecent() {
    const list = $('recent');
    try {
      const response = await fetch('api/v1/inspections?page_size=10', { headers: headers() });
      if (!response.ok) { return; }
      const page = await response.json();
      list.textContent = '';
      for (const item of page.items) {
        const li = document.createElement('li');
        const time = new Date(item.received_at).toLocaleTimeString();
        li.textContent = time + ': ' + describe(item);
        list.appendChild(li);
      }
    } catch (e) {
      // The list is a convenience; a failure here must not disturb the result.
    }
  }

  $('refresh').addEventListener('click', loadRecent);
  loadRecent();
})();
